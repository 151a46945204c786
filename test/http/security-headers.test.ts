import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { paragraphs } from '../../src/content/body.js';
import { createPost } from '../../src/operations/create-post.js';
import { applyPostAccess } from '../../src/operations/post-access-settings.js';
import { AMP_CSP, SITE_CSP } from '../../src/site/security-headers.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { createBasics, seedReference, testClock } from '../helpers/factories.js';
import { observatoryFindings, parseCsp } from '../helpers/observatory.js';
import { jpegHtmlPolyglot } from '../helpers/polyglot.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const ARTICLE = '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/';
const PASSWORD = 'open sesame';

/** Every header each response must carry, whatever it is. */
function assertBaseline(headers: Headers, what: string) {
  assert.equal(headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  // The newsroom's shell sends the stricter same-origin of its own.
  assert.ok(['strict-origin-when-cross-origin', 'same-origin'].includes(headers.get('referrer-policy') ?? ''), `${what}: referrer policy`);
  assert.match(headers.get('permissions-policy') ?? '', /camera=\(\), microphone=\(\), geolocation=\(\)/, `${what}: permissions policy`);
  assert.equal(headers.get('x-frame-options'), 'DENY', `${what}: X-Frame-Options`);
  assert.deepEqual(parseCsp(headers.get('content-security-policy') ?? '').get('frame-ancestors'), ["'none'"], `${what}: frame-ancestors`);
  assert.equal(headers.get('cross-origin-opener-policy'), 'same-origin', `${what}: COOP`);
}

describe('security headers', () => {
  let t: TestStore;
  let server: RunningServer;
  let mediaPath: string;

  before(async () => {
    t = await createTestStore('sqlite');
    await seedReference(t.store, t.dataDir);
    const basics = await createBasics(t.store);
    const secret = await createPost(
      { store: t.store, clock: testClock() },
      { status: 'published', title: 'Secret story', body: paragraphs(['Hidden.']), authorIds: [basics.authorId], categoryId: basics.categoryId, publishedAt: '2026-11-20T10:00:00.000Z' },
    );
    await applyPostAccess(t.store, secret.id, { password: PASSWORD, isSticky: false });
    await t.store.settings.put({ ampEnabled: true });
    const media = join(t.dataDir, 'media');
    mediaPath = await firstFile(media);
    await writeFile(join(media, 'polyglot.jpg'), await jpegHtmlPolyglot());
    await writeFile(join(media, 'left-behind.html'), '<script>alert(document.cookie)</script>');
    await writeFile(join(media, 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    server = await startServer({ store: t.store, dataDir: t.dataDir });
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  /** One of each kind of answer, with the status that shows it is that kind. */
  const KINDS: Array<{ what: string; path: string; status: number; init?: RequestInit }> = [
    { what: 'the home page', path: '/', status: 200 },
    { what: 'an article', path: ARTICLE, status: 200 },
    { what: 'a protected post’s password form', path: '/secret-story/', status: 200 },
    { what: 'a wrong password', path: '/secret-story/', status: 403, init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'post_password=nope' } },
    { what: 'a page not found', path: '/no-such-story/', status: 404 },
    { what: 'a redirect', path: `${ARTICLE}amp`, status: 301 },
    { what: 'a mobile (AMP) page', path: `${ARTICLE}amp/`, status: 200 },
    { what: 'the feed', path: '/feed/', status: 200 },
    { what: 'the sitemap', path: '/sitemap.xml', status: 200 },
    { what: 'a search', path: '/?s=Axelrod', status: 200 },
    { what: 'an address that cannot be decoded', path: '/%E0%A4%A', status: 400 },
    { what: '/wp-json', path: '/wp-json/wp/v2/posts', status: 200 },
    { what: '/wp-json, refusing', path: '/wp-json/wp/v2/posts?per_page=nope', status: 400 },
    { what: 'the newsroom', path: '/admin/', status: 200 },
    { what: 'the admin API, refusing a stranger', path: '/api/admin/posts', status: 401 },
    { what: 'the health check', path: '/healthz', status: 200 },
    { what: 'a missing media file', path: '/media/no-such-file.jpg', status: 404 },
  ];

  for (const { what, path, status, init } of KINDS) {
    test(`${what} carries nosniff, the referrer and permissions policies, frame protection, COOP and HSTS`, async () => {
      const response = await server.get(path, init);
      await response.arrayBuffer();
      assert.equal(response.status, status, what);
      assertBaseline(response.headers, what);
      assert.equal(response.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains', 'the site’s address is https');
      assert.deepEqual(observatoryFindings(response.headers, { isHttps: true }), [], `${what}: what the Observatory holds against it`);
    });
  }

  test('a picture under /media carries them too, sandboxed, as the picture type it is', async () => {
    const response = await server.get(`/media/${mediaPath}`);
    assert.equal(response.status, 200);
    await response.arrayBuffer();
    assertBaseline(response.headers, 'a picture');
    assert.match(response.headers.get('content-type') ?? '', /^image\/(jpeg|png|webp|avif)$/);
    assert.ok(parseCsp(response.headers.get('content-security-policy') ?? '').has('sandbox'));
    assert.equal(response.headers.get('content-disposition'), null);
  });

  test('a JPEG that is also a page is served as image/jpeg, nosniff, sandboxed, byte for byte', async () => {
    const response = await server.get('/media/polyglot.jpg');
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.ok(parseCsp(response.headers.get('content-security-policy') ?? '').has('sandbox'));
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), await jpegHtmlPolyglot());
  });

  for (const [name, path] of [
    ['an HTML file', '/media/left-behind.html'],
    ['an SVG drawing (which can hold script)', '/media/drawing.svg'],
  ]) {
    test(`${name} in the media folder is a download of no particular type, never a page`, async () => {
      const response = await server.get(path!);
      assert.equal(response.status, 200);
      await response.arrayBuffer();
      assert.equal(response.headers.get('content-type'), 'application/octet-stream');
      assert.equal(response.headers.get('content-disposition'), 'attachment');
      assertBaseline(response.headers, name!);
    });
  }

  test('public pages allow no script and only the inline stylesheet whose hash they name', async () => {
    for (const path of ['/', ARTICLE, '/secret-story/', '/no-such-story/']) {
      const response = await server.get(path);
      const $ = cheerio.load(await response.text());
      const csp = parseCsp(response.headers.get('content-security-policy') ?? '');
      assert.deepEqual(csp.get('script-src'), ["'self'"], path);
      assert.deepEqual(csp.get('object-src'), ["'none'"]);
      assert.deepEqual(csp.get('base-uri'), ["'self'"]);
      assert.deepEqual(csp.get('form-action'), ["'self'"]);
      const styles = $('style');
      assert.equal(styles.length, 1, `${path}: one stylesheet`);
      const hash = `'sha256-${createHash('sha256').update(styles.text(), 'utf8').digest('base64')}'`;
      assert.deepEqual(csp.get('style-src'), [hash], `${path}: the stylesheet’s own hash, nothing inline besides`);
      // Nothing the policy would block: no inline script but data blocks, no event handler or style attributes.
      assert.deepEqual($('script').map((_, s) => $(s).attr('type')).get(), $('script[type="application/ld+json"]').map(() => 'application/ld+json').get(), `${path}: only JSON-LD`);
      assert.equal($('script[src]').length, 0, `${path}: no script files either`);
      const attributes = $('*')
        .map((_, el) => Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {}).filter((name) => name === 'style' || name.startsWith('on')))
        .get();
      assert.deepEqual(attributes, [], `${path}: no style or on* attributes`);
    }
  });

  test('the full page may frame YouTube’s privacy-enhanced player, and nothing else', async () => {
    const csp = parseCsp(SITE_CSP);
    assert.deepEqual(csp.get('frame-src'), ['https://www.youtube-nocookie.com']);
  });

  test('the AMP page has AMP’s own policy, which allows every script it loads and no other', async () => {
    const response = await server.get(`${ARTICLE}amp/`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), AMP_CSP);
    const csp = parseCsp(AMP_CSP);
    const $ = cheerio.load(await response.text());
    const sources = $('script[src]').map((_, s) => $(s).attr('src')).get();
    assert.ok(sources.length > 0);
    for (const src of sources) assert.ok(csp.get('script-src')!.some((allowed) => src.startsWith(allowed)), `${src} is allowed`);
    assert.equal($('script:not([src])').not('[type="application/ld+json"]').length, 0, 'no inline script');
  });

  test('the newsroom keeps its own stricter policy', async () => {
    const response = await server.get('/admin/');
    const csp = parseCsp(response.headers.get('content-security-policy') ?? '');
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), ["'self'"]);
  });

  test('JSON answers may load nothing at all', async () => {
    for (const path of ['/wp-json/wp/v2/posts', '/api/admin/posts', '/healthz']) {
      const response = await server.get(path);
      await response.arrayBuffer();
      assert.deepEqual(parseCsp(response.headers.get('content-security-policy') ?? '').get('default-src'), ["'none'"], path);
    }
  });

  test('the protected post’s cookie is Secure, HttpOnly and SameSite over HTTPS, as the Observatory asks', async () => {
    const https = await startServer({ store: t.store, dataDir: t.dataDir, env: { TRUST_PROXY: '1' } });
    try {
      const response = await https.get('/secret-story/', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
        body: new URLSearchParams({ post_password: PASSWORD }).toString(),
      });
      assert.equal(response.status, 303);
      assert.equal(response.headers.getSetCookie().length, 1);
      assert.deepEqual(observatoryFindings(response.headers, { isHttps: true }), []);
    } finally {
      await https.close();
    }
  });

  test('HSTS goes out over HTTPS (behind a trusted proxy) and not over plain HTTP, when the site’s address is http', async () => {
    const plain = await startServer({ store: t.store, dataDir: t.dataDir, env: { SITE_URL: 'http://news.example', TRUST_PROXY: '1' } });
    try {
      const overHttp = await plain.get('/');
      await overHttp.arrayBuffer();
      assert.equal(overHttp.headers.get('strict-transport-security'), null);
      assertBaseline(overHttp.headers, 'plain HTTP');
      const overHttps = await plain.get('/', { headers: { 'x-forwarded-proto': 'https' } });
      await overHttps.arrayBuffer();
      assert.equal(overHttps.headers.get('strict-transport-security'), 'max-age=63072000; includeSubDomains');
    } finally {
      await plain.close();
    }
  });
});

async function firstFile(dir: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const file = entries.find((e) => e.isFile() && /\.(jpg|png|webp|avif)$/.test(e.name));
  if (!file) throw new Error(`no picture in ${dir}`);
  return join(file.parentPath, file.name).slice(dir.length + 1);
}
