import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { XMLParser } from 'fast-xml-parser';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { MAX_OFFSET } from '../../src/wp-json/params.js';

const LONG_SEARCH = 'kanye '.repeat(40).trim() + 'x'; // 240 characters

for (const engine of ENGINES) {
  describe(`expensive public routes are bounded (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;

    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 25 });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('wp-json: per_page above 100 is refused with rest_invalid_param', async () => {
      const response = await server.get('/wp-json/wp/v2/posts?per_page=101');
      assert.equal(response.status, 400);
      const body = await response.json();
      assert.equal(body.code, 'rest_invalid_param');
      assert.ok('per_page' in body.data.params);
    });

    test(`wp-json: a page deeper than ${MAX_OFFSET} rows is refused before any query, whatever per_page`, async () => {
      for (const [page, perPage] of [
        [MAX_OFFSET / 10 + 1, 10],
        [MAX_OFFSET / 100 + 1, 100],
        [999_999_999, 1],
      ]) {
        const response = await server.get(`/wp-json/wp/v2/posts?page=${page}&per_page=${perPage}`);
        assert.equal(response.status, 400, `page=${page}&per_page=${perPage}`);
        const body = await response.json();
        assert.equal(body.code, 'rest_invalid_param');
        assert.match(body.data.params.page, /between 1 \(inclusive\) and \d+ \(inclusive\)/);
      }
      // The deepest page allowed is still an ordinary answer (past the end: WordPress's own error).
      const deepest = await server.get(`/wp-json/wp/v2/posts?page=${MAX_OFFSET / 10}&per_page=10`);
      assert.equal((await deepest.json()).code, 'rest_post_invalid_page_number');
    });

    test('wp-json: search text over 200 characters is refused, on every route that searches', async () => {
      for (const route of ['posts', 'pages', 'categories', 'tags', 'users', 'comments', 'search']) {
        const response = await server.get(`/wp-json/wp/v2/${route}?search=${encodeURIComponent(LONG_SEARCH)}`);
        assert.equal(response.status, 400, route);
        const body = await response.json();
        assert.equal(body.code, 'rest_invalid_param', route);
        assert.match(body.data.params.search, /at most 200 characters/, route);
      }
      assert.equal((await server.get(`/wp-json/wp/v2/posts?search=${encodeURIComponent(LONG_SEARCH.slice(0, 200))}`)).status, 200);
    });

    test('wp-json: more than 100 ids or slugs in one list is refused', async () => {
      const ids = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
      const response = await server.get(`/wp-json/wp/v2/posts?include=${ids}`);
      assert.equal(response.status, 400);
      assert.ok('include' in (await response.json()).data.params);
      const slugs = Array.from({ length: 101 }, (_, i) => `slug-${i}`).join(',');
      assert.equal((await server.get(`/wp-json/wp/v2/tags?slug=${slugs}`)).status, 400);
      assert.equal((await server.get(`/wp-json/wp/v2/posts?include=${ids.split(',').slice(0, 100).join(',')}`)).status, 200);
    });

    test('wp-json: _embed embeds one level; nothing embedded carries embeds of its own', async () => {
      const response = await server.get('/wp-json/wp/v2/posts?_embed=1&_embed=author,wp:term&per_page=5');
      assert.equal(response.status, 200);
      const posts = (await response.json()) as Array<{ _embedded: Record<string, unknown[]> }>;
      assert.equal(posts.length, 5);
      for (const post of posts) {
        assert.ok(post._embedded.author, 'authors are embedded');
        assert.equal(JSON.stringify(post._embedded).includes('"_embedded"'), false, 'no second level');
      }
    });

    test('site search: text over 200 characters is a 400 that says so, not a search of a cut text', async () => {
      const response = await server.get(`/?s=${encodeURIComponent(LONG_SEARCH)}`);
      assert.equal(response.status, 400);
      const $ = cheerio.load(await response.text());
      assert.match($('main').text() || $('body').text(), /search text is too long: at most 200 characters/);
      assert.equal((await server.get(`/?s=${encodeURIComponent(LONG_SEARCH.slice(0, 200))}`)).status, 200);
    });

    test('feeds carry at most 20 stories whatever the query string asks', async () => {
      const parser = new XMLParser({ isArray: (name) => name === 'item' });
      for (const query of ['', '?posts_per_page=1000', '?per_page=1000&paged=1', '?feed=rss2&nopaging=true', '?limit=100000']) {
        const response = await server.get(`/feed/${query}`);
        assert.equal(response.status, 200, query);
        const items = parser.parse(await response.text()).rss.channel.item as unknown[];
        assert.equal(items.length, 20, query);
      }
      const json = await (await server.get('/feed.json?per_page=1000')).json();
      assert.equal(json.items.length, 20);
    });
  });

  describe(`expensive public routes are rate-limited per address (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let first: RunningServer;
    let second: RunningServer;
    const LIMIT = 4;
    const from = (address: string): RequestInit => ({ headers: { 'x-forwarded-for': address } });

    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 3 });
      // Two instances on one store, as behind a load balancer.
      // The limit guards rendering; an answer from the response cache renders nothing and is not counted (response-cache tests).
      const env = { PUBLIC_RATE_LIMIT: String(LIMIT), TRUST_PROXY: '1', CACHE_MAX_MB: '0' };
      first = await startServer({ store: t.store, dataDir: t.dataDir, env });
      second = await startServer({ store: t.store, dataDir: t.dataDir, env });
    });
    after(async () => {
      await first?.close();
      await second?.close();
      await t?.cleanup();
    });

    test('feeds: past the limit, 429 with Retry-After; articles and other addresses are not held up', async () => {
      for (let i = 0; i < LIMIT; i++) assert.equal((await first.get('/feed/', from('198.51.100.1'))).status, 200);
      const refused = await first.get('/feed/atom/', from('198.51.100.1'));
      assert.equal(refused.status, 429);
      const retryAfter = Number(refused.headers.get('retry-after'));
      assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
      assert.match(await refused.text(), /Too many requests for feeds and searches from your address; try again in \d+ seconds/);
      assert.equal((await first.get('/', from('198.51.100.1'))).status, 200, 'the home page is not an expensive route');
      assert.equal((await first.get('/feed/', from('198.51.100.2'))).status, 200, 'another address has its own count');
    });

    test('search counts; an empty search box does not', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await first.get('/?s=', from('198.51.100.3'))).status, 200);
      for (let i = 0; i < LIMIT; i++) assert.equal((await first.get('/?s=story', from('198.51.100.3'))).status, 200);
      assert.equal((await first.get('/?s=story', from('198.51.100.3'))).status, 429);
    });

    test("wp-json: past the limit, WordPress's error shape with status 429 and Retry-After", async () => {
      for (let i = 0; i < LIMIT; i++) assert.equal((await first.get('/wp-json/wp/v2/posts', from('198.51.100.4'))).status, 200);
      const refused = await first.get('/wp-json/wp/v2/posts', from('198.51.100.4'));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers.get('retry-after')) >= 1);
      const body = await refused.json();
      assert.equal(body.code, 'rest_too_many_requests');
      assert.equal(body.data.status, 429);
    });

    test('the count is kept in the store, so it holds across instances', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= LIMIT; i++) statuses.push((await (i % 2 === 0 ? first : second).get('/feed.json', from('198.51.100.5'))).status);
      assert.deepEqual(statuses, [...Array<number>(LIMIT).fill(200), 429]);
    });
  });

  describe(`the per-address limit never makes the site less available (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 2 });
      server = await startServer({ store: t.store, dataDir: t.dataDir, env: { PUBLIC_RATE_LIMIT: '1', CACHE_MAX_MB: '0' } });
      // The counters cannot be written: as when the store is busy with another process's write.
      await t.store.dialect.db.schema.dropTable('rate_counters').execute();
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('a request whose count cannot be written goes through', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await server.get('/feed/')).status, 200);
      assert.equal((await server.get('/wp-json/wp/v2/posts')).status, 200);
    });
  });
}
