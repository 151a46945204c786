import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { updatePost } from '../../src/operations/editorial/update-post.js';
import { unpublish } from '../../src/operations/editorial/workflow.js';
import { updateSettings } from '../../src/operations/settings.js';
import { updateTag } from '../../src/operations/taxonomy/tags.js';
import { applyPostAccess } from '../../src/operations/post-access-settings.js';
import { createPost } from '../../src/operations/create-post.js';
import { PRIVATE_COOKIE } from '../../src/response-cache/serve-cached.js';
import { SESSION_COOKIE } from '../../src/admin-api/session-cookie.js';
import type { Post } from '../../src/content/types.js';
import { paragraphs } from '../../src/content/body.js';

/**
 * The response cache through a real server on each engine: what is kept,
 * what a change drops (at once, in the process that made it: the operations
 * here share the server's store, as the newsroom does), and what is never
 * kept. "Served from the cache" is told by the store: no query ran.
 */
for (const engine of ENGINES) {
  describe(`the response cache (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    let showbiz: Post[];
    let music: Post[];
    const queries: string[] = [];
    const context = () => ({ store: t.store, clock: testClock() });
    const editor = () => ({ ...context(), actor: { id: basics.authorId, role: 'editor' as const } });

    before(async () => {
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      basics = await createBasics(t.store);
      showbiz = await createArticles(t.store, basics, { count: 6, prefix: 'Showbiz' });
      music = await createArticles(t.store, basics, { count: 3, prefix: 'Music', categoryId: basics.otherCategoryId, tagIds: [basics.personTagId] });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    /** The page, and how many queries answering it ran. */
    async function fetchCounted(path: string, init?: RequestInit): Promise<{ response: Response; text: string; queries: number }> {
      queries.length = 0;
      const response = await server.get(path, init);
      const text = await response.text();
      return { response, text, queries: queries.length };
    }
    const titleOf = (html: string) => cheerio.load(html)('h1').first().text().trim();
    const articlePath = (post: Post) => `/${post.slug}/`;

    test('an article asked for again is answered from the cache: the same bytes, no query, a strong ETag and Vary', async () => {
      const first = await fetchCounted(articlePath(showbiz[0]!));
      assert.equal(first.response.status, 200);
      assert.ok(first.queries > 0, 'the first request renders');
      const second = await fetchCounted(articlePath(showbiz[0]!));
      assert.equal(second.queries, 0, 'the second is served from the cache');
      assert.equal(second.text, first.text);
      assert.match(second.response.headers.get('etag') ?? '', /^"[\w-]{20,}"$/);
      // The first answer went out whole (compression comes after it), the second may be gzip: one validator, a suffix per coding.
      const base = (etag: string | null) => etag?.replace(/-(br|gz)"$/, '"');
      assert.equal(base(second.response.headers.get('etag')), base(first.response.headers.get('etag')));
      assert.equal(second.response.headers.get('vary'), 'Accept-Encoding');
      // Answered before Fastify routes it, a hit still carries the security headers every page has.
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'strict-transport-security']) {
        assert.equal(second.response.headers.get(name), first.response.headers.get(name), name);
        assert.ok(second.response.headers.get(name), name);
      }
      assert.match(second.response.headers.get('cache-control') ?? '', /^public, max-age=60, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    });

    test('brotli and gzip forms are made once, off the request, and decode to the same page; a client taking neither gets it whole', async () => {
      const path = articlePath(showbiz[1]!);
      const plain = await (await server.get(path)).text();
      let brotli: Response | undefined;
      for (let i = 0; i < 100 && brotli?.headers.get('content-encoding') !== 'br'; i++) {
        if (i > 0) await new Promise((resolve) => setTimeout(resolve, 20));
        brotli = await server.get(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      }
      // fetch decodes what it is sent; the bytes on the wire are read through a raw request below.
      assert.equal(brotli!.headers.get('content-encoding'), 'br');
      const raw = async (encoding: string) => {
        const { request } = await import('node:http');
        return new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
          request(server.url + path, { headers: { 'accept-encoding': encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          })
            .on('error', reject)
            .end();
        });
      };
      const br = await raw('br');
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.body).toString(), plain);
      const gz = await raw('gzip;q=1, br;q=0');
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.body).toString(), plain);
      const identity = await raw('identity');
      assert.equal(identity.headers['content-encoding'], undefined);
      assert.equal(identity.body.toString(), plain);
      assert.notEqual(br.headers.etag, gz.headers.etag, 'each coding has its own strong validator');
    });

    test('If-None-Match answers 304 with no body and no query, for a page and a feed; a date alone gets the page', async () => {
      for (const path of [articlePath(showbiz[2]!), '/feed/']) {
        const first = await server.get(path);
        await first.arrayBuffer();
        const etag = first.headers.get('etag')!;
        const byTag = await fetchCounted(path, { headers: { 'if-none-match': etag } });
        assert.equal(byTag.response.status, 304, path);
        assert.equal(byTag.text, '');
        assert.equal(byTag.queries, 0, `${path}: a 304 from the cache renders nothing`);
        // A date alone is not enough: a page can change twice in one second, a feed without its newest story moving.
        const byDate = await fetchCounted(path, { headers: { 'if-modified-since': first.headers.get('last-modified')! } });
        assert.equal(byDate.response.status, 200, path);
        assert.equal((await fetchCounted(path, { headers: { 'if-none-match': '"something-else"' } })).response.status, 200);
      }
    });

    test('an edit is on the page the moment it is acknowledged; pages that do not show the story stay cached', async () => {
      const edited = showbiz[3]!;
      const unrelated = music[0]!;
      await fetchCounted(articlePath(edited));
      await fetchCounted(articlePath(unrelated));
      await fetchCounted('/');
      await fetchCounted(`/category/music/`);
      const saved = await updatePost(editor(), { id: edited.id, revision: edited.revision, title: 'Showbiz, corrected' });
      showbiz[3] = saved;
      const page = await fetchCounted(articlePath(edited));
      assert.equal(titleOf(page.text), 'Showbiz, corrected');
      assert.ok(page.queries > 0);
      const home = await fetchCounted('/');
      assert.ok(home.text.includes('Showbiz, corrected'), 'the home page lists it with its new title');
      assert.equal((await fetchCounted(articlePath(unrelated))).queries, 0, 'another section’s article still comes from the cache');
      assert.equal((await fetchCounted('/category/music/')).queries, 0, 'an archive that does not list it too');
    });

    test('a story published joins the lists it is in at once; unpublished, it is gone at once', async () => {
      await fetchCounted('/category/music/');
      await fetchCounted('/feed/');
      await fetchCounted(articlePath(showbiz[0]!));
      const fresh = await createPost(context(), {
        status: 'published',
        title: 'Music news just in',
        excerpt: 'New',
        body: paragraphs(['Just in.']),
        authorIds: [basics.authorId],
        categoryId: basics.otherCategoryId,
        tagIds: [],
        publishedAt: new Date(testClock().now().getTime() - 60_000).toISOString(),
      });
      assert.ok((await fetchCounted('/category/music/')).text.includes('Music news just in'));
      assert.ok((await fetchCounted('/feed/')).text.includes('Music news just in'));
      assert.equal((await fetchCounted(articlePath(showbiz[0]!))).queries, 0, 'an article of another section still comes from the cache');
      assert.equal((await fetchCounted(articlePath(fresh))).response.status, 200);
      await unpublish(editor(), { id: fresh.id, revision: fresh.revision });
      assert.equal((await fetchCounted(articlePath(fresh))).response.status, 404);
      assert.ok(!(await fetchCounted('/category/music/')).text.includes('Music news just in'));
      assert.ok(!(await fetchCounted('/feed/')).text.includes('Music news just in'));
    });

    test('a tag renamed shows on its archive at once', async () => {
      await fetchCounted('/tag/kanye-west/');
      await updateTag(context(), basics.personTagId, { name: 'Ye' });
      assert.equal(cheerio.load((await fetchCounted('/tag/kanye-west/')).text)('h1').first().text().trim(), 'Ye');
    });

    test('a settings change shows on every page at once', async () => {
      await fetchCounted(articlePath(music[1]!));
      await updateSettings(context(), { title: 'The Cached Courier' });
      // What the newsroom's settings request does before it answers.
      await server.app.site.reload();
      const page = await fetchCounted(articlePath(music[1]!));
      assert.ok(page.queries > 0);
      // The header is the site's; the <title> is stored with the story and follows when the re-render job reaches it.
      assert.equal(cheerio.load(page.text)('header .brand').text(), 'The Cached Courier');
    });

    test('a protected post, a search and staff requests are never kept nor answered from the cache', async () => {
      const secret = showbiz[4]!;
      await applyPostAccess(t.store, secret.id, { password: 'open sesame', isSticky: false });
      for (let i = 0; i < 2; i++) assert.ok((await fetchCounted(articlePath(secret))).queries > 0, 'the protected post is rendered every time');
      for (let i = 0; i < 2; i++) assert.ok((await fetchCounted('/?s=Showbiz')).queries > 0, 'a search is run every time');
      const open = articlePath(showbiz[5]!);
      await fetchCounted(open);
      assert.equal((await fetchCounted(open)).queries, 0);
      assert.ok((await fetchCounted(open, { headers: { cookie: `${SESSION_COOKIE}=abc` } })).queries > 0, 'a signed-in request is not answered from the cache');
      assert.ok((await fetchCounted('/wp-json/wp/v2/posts', { headers: { authorization: 'Basic eDp5' } })).queries > 0);
      assert.ok((await fetchCounted('/wp-json/wp/v2/posts', { headers: { authorization: 'Basic eDp5' } })).queries > 0, 'nor a request with credentials');
      assert.ok(PRIVATE_COOKIE.test(`${SESSION_COOKIE}=x`), 'the cache knows the newsroom’s cookie by its name');
    });

    test('a burst of requests for a page not kept renders it once', async () => {
      const path = articlePath(music[2]!);
      await updatePost(editor(), { id: music[2]!.id, revision: music[2]!.revision, title: 'Burst' }).then((saved) => (music[2] = saved));
      queries.length = 0;
      const answers = await Promise.all(Array.from({ length: 20 }, () => server.get(path).then((r) => r.text())));
      assert.equal(new Set(answers).size, 1);
      assert.equal(queries.length, 1, queries.join('\n'));
    });

    test('the cache stays within CACHE_MAX_MB, dropping the pages used least recently', async () => {
      const small = await startServer({ store: t.store, dataDir: t.dataDir, env: { CACHE_MAX_MB: '1' } });
      try {
        // Each query string is an address of its own: enough of them fill a megabyte.
        for (let i = 0; i < 600; i++) await (await small.get(`${articlePath(showbiz[0]!)}?n=${i}`)).arrayBuffer();
        const stats = small.app.responseCache!.stats();
        assert.ok(stats.bytes <= 1024 * 1024, `${stats.bytes} bytes held`);
        assert.ok(stats.evicted > 0, 'the oldest were dropped');
        assert.ok(stats.entries > 10);
      } finally {
        await small.close();
      }
    });
  });
}
