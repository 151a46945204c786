import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import Fastify, { type FastifyInstance } from 'fastify';
import { newsroomRoutes } from '../../src/newsroom/routes.js';
import { buildNewsroomForTest } from '../helpers/newsroom-server.js';

async function serve(assetsDir: string): Promise<{ app: FastifyInstance; get(path: string, init?: RequestInit): Promise<Response> }> {
  const app = Fastify({ logger: false });
  await app.register(newsroomRoutes, { assetsDir });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  return { app, get: (path, init) => fetch(url + path, init) };
}

describe('the newsroom shell at /admin', () => {
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: Awaited<ReturnType<typeof serve>>;

  before(async () => {
    built = await buildNewsroomForTest();
    // A file that is in the folder but is not part of the app must not be served.
    await writeFile(join(built.dir, 'routes.js'), 'export const secret = 1;');
    server = await serve(built.dir);
  });
  after(async () => {
    await server?.app.close();
    await built?.remove();
  });

  test('answers every address under /admin with the same HTML shell', async () => {
    const pages = await Promise.all(['/admin', '/admin/', '/admin/posts/12', '/admin/accept-invitation?token=abc'].map((path) => server.get(path)));
    const bodies = await Promise.all(pages.map((response) => response.text()));
    for (const response of pages) assert.equal(response.status, 200);
    assert.equal(new Set(bodies).size, 1);
  });

  test('is a real document: doctype, language, a <main>, and a <noscript> saying JavaScript is needed', async () => {
    const html = await (await server.get('/admin/settings')).text();
    assert.match(html, /^<!doctype html>/i);
    const $ = cheerio.load(html);
    assert.equal($('html').attr('lang'), 'en');
    assert.equal($('main#main').length, 1);
    assert.match($('noscript').text(), /needs JavaScript/);
    assert.equal($('a.skip-link').attr('href'), '#main');
    assert.equal($('[role="status"][aria-live="polite"]').length, 1);
    assert.equal($('meta[name="robots"]').attr('content'), 'noindex, nofollow');
  });

  test('loads the bundle by versioned address, and nothing inline', async () => {
    const $ = cheerio.load(await (await server.get('/admin')).text());
    assert.match($('script[type="module"]').attr('src') ?? '', /^\/admin\/assets\/app\.js\?v=[0-9a-f]{12}$/);
    assert.match($('link[rel="stylesheet"]').attr('href') ?? '', /^\/admin\/assets\/app\.css\?v=[0-9a-f]{12}$/);
    assert.equal($('script:not([src])').length, 0);
    assert.equal($('style').length + $('[style]').length, 0);
  });

  test('tells the app whether a session cookie came, so a signed-out visit goes straight to sign-in', async () => {
    const without = cheerio.load(await (await server.get('/admin')).text());
    const withCookie = cheerio.load(await (await server.get('/admin', { headers: { cookie: 'theme=dark; masthead_session=abc123' } })).text());
    const emptyCookie = cheerio.load(await (await server.get('/admin', { headers: { cookie: 'masthead_session=' } })).text());
    assert.equal(without('body').attr('data-session'), 'none');
    assert.equal(withCookie('body').attr('data-session'), 'maybe');
    assert.equal(emptyCookie('body').attr('data-session'), 'none');
  });

  test('sends the shell with no-store, a strict Content-Security-Policy, no framing and a same-origin referrer', async () => {
    const response = await server.get('/admin/posts');
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|; )script-src 'self'(;|$)/);
    assert.match(csp, /(^|; )default-src 'none'(;|$)/);
    assert.match(csp, /(^|; )frame-ancestors 'none'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(response.headers.get('x-frame-options'), 'DENY');
    assert.equal(response.headers.get('referrer-policy'), 'same-origin');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  test('serves the script, its source map and the stylesheet, cached for good only at the current version', async () => {
    const shell = cheerio.load(await (await server.get('/admin')).text());
    const versioned = shell('script[type="module"]').attr('src')!;
    const script = await server.get(versioned);
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(script.headers.get('cache-control'), 'private, max-age=31536000, immutable');
    assert.ok((await script.text()).length > 1000);
    const plain = await server.get('/admin/assets/app.js');
    assert.equal(plain.headers.get('cache-control'), 'no-cache');
    const again = await server.get('/admin/assets/app.js', { headers: { 'if-none-match': plain.headers.get('etag')! } });
    assert.equal(again.status, 304);
    const map = await server.get('/admin/assets/app.js.map');
    assert.equal(map.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.ok(Array.isArray((await map.json()).sources));
    const css = await server.get(shell('link[rel="stylesheet"]').attr('href')!);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(await css.text(), /\.masthead-editor/, 'the editor’s stylesheet is part of it');
  });

  test('serves no other file of the assets folder', async () => {
    for (const path of ['/admin/assets/routes.js', '/admin/assets/nothing.js', '/admin/assets/..%2Froutes.js']) {
      assert.equal((await server.get(path)).status, 404, path);
    }
  });

  test('bundles browser code only: no store, operation, route or renderer comes along', () => {
    const server = built.inputs.filter((input) => /^src\/(store|operations|admin-api|site|render|lib|media|mail|cli)\//.test(input) || input.startsWith('node:'));
    assert.deepEqual(server, []);
    assert.ok(built.inputs.includes('src/newsroom/editor/mount-editor.ts'), 'the editor is in it');
  });

  test('says the newsroom is not built, rather than loading nothing, when the bundle is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'masthead-unbuilt-'));
    const unbuilt = await serve(empty);
    try {
      const $ = cheerio.load(await (await unbuilt.get('/admin')).text());
      assert.match($('main').text(), /has not been built.*npm run build/s);
      assert.equal($('script').length, 0);
      assert.equal((await unbuilt.get('/admin/assets/app.js')).status, 404);
    } finally {
      await unbuilt.app.close();
      await rm(empty, { recursive: true, force: true });
    }
  });
});
