import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, type Basics } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { createPost } from '../../src/operations/create-post.js';
import { paragraphs } from '../../src/content/body.js';
import { testClock } from '../helpers/factories.js';

for (const engine of ENGINES) {
  describe(`the public site (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    const queries: string[] = [];

    async function page(path: string) {
      const response = await server.get(path);
      return { response, $: cheerio.load(await response.text()) };
    }

    before(async () => {
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      await seedReference(t.store, t.dataDir);
      basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 45 });
      await createPost(
        { store: t.store, clock: testClock() },
        { status: 'draft', title: 'Unpublished scoop', body: paragraphs(['secret']), authorIds: [basics.authorId], tagIds: [basics.tagId] },
      );
      await createPost(
        { store: t.store, clock: testClock() },
        { kind: 'page', status: 'published', title: 'About us', body: paragraphs(['We are a magazine.']), authorIds: [basics.authorId], publishedAt: '2026-01-01T00:00:00Z' },
      );
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('the home page leads with the newest story, then the latest, then sections', async () => {
      const { response, $ } = await page('/');
      assert.equal(response.status, 200);
      assert.equal($('.lead h2 a').attr('href'), '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/');
      assert.equal($('.lead img').attr('fetchpriority'), 'high');
      const latest = $('#latest').parent().find('.teaser h3 a').map((_, a) => $(a).text()).get();
      assert.equal(latest.length, 19);
      assert.equal(latest[0], 'Story number 1');
      const sections = $('section.section h2 a').map((_, a) => $(a).attr('href')).get();
      assert.ok(sections.includes('/category/celebrity/'), sections.join());
      assert.equal($('h1').length, 1);
    });

    test('the home page makes a fixed, small number of queries however many teasers it shows', async () => {
      queries.length = 0;
      await page('/');
      assert.ok(queries.length <= 4, `${queries.length} queries:\n${queries.join('\n')}`);
    });

    test('the article page is one query: the stored page with its related cards', async () => {
      queries.length = 0;
      await page('/story-number-3/');
      assert.equal(queries.length, 1, queries.join('\n'));
    });

    test('archives page by "Older stories" links, and the last page has none', async () => {
      const titles: string[] = [];
      let path: string | undefined = '/category/showbiz/';
      let pages = 0;
      while (path && pages < 5) {
        const { response, $ } = await page(path);
        assert.equal(response.status, 200, path);
        titles.push(...$('.teaser h3 a').map((_, a) => $(a).text()).get());
        path = $('a[rel="next"]').attr('href');
        pages++;
      }
      assert.equal(pages, 3);
      assert.equal(titles.length, 45);
      assert.equal(new Set(titles).size, 45);
    });

    test('an old /page/2/ link without a cursor shows the same stories as the cursor link', async () => {
      const { $: first } = await page('/category/showbiz/');
      const next = first('a[rel="next"]').attr('href')!;
      assert.match(next, /^\/category\/showbiz\/page\/2\/\?after=/);
      const { $: byCursor } = await page(next);
      const { response, $: byNumber } = await page('/category/showbiz/page/2/');
      assert.equal(response.status, 200);
      const list = ($: cheerio.CheerioAPI) => $('.teaser h3 a').map((_, a) => $(a).text()).get();
      assert.deepEqual(list(byNumber), list(byCursor));
      assert.equal(byNumber('link[rel="canonical"]').attr('href'), `${TEST_SITE_URL}/category/showbiz/page/2/`);
    });

    test('a page beyond the end is a 404, and a damaged cursor a 400', async () => {
      assert.equal((await server.get('/category/showbiz/page/40/')).status, 404);
      assert.equal((await server.get('/page/abc/')).status, 404);
      const damaged = await page('/page/2/?after=not-a-cursor');
      assert.equal(damaged.response.status, 400);
      assert.match(damaged.$('h1').text(), /Bad request/);
    });

    test('a tag page lists the stories with that tag and no drafts', async () => {
      const { response, $ } = await page('/tag/politics/');
      assert.equal(response.status, 200);
      const titles = $('.teaser h3 a').map((_, a) => $(a).text()).get();
      assert.ok(titles.includes('John Legend Reveals How Politics Ruined His Friendship With Kanye West'));
      assert.ok(!titles.includes('Unpublished scoop'));
      assert.equal($('h1').text(), 'Politics');
    });

    test('a person page shows the person’s name, photo and description above their stories', async () => {
      const { $ } = await page('/tag/kanye-west/');
      assert.equal($('h1').text(), 'Kanye West');
      assert.equal($('.archive-head .kicker').text(), 'Person');
      assert.equal($('.archive-head .standfirst').text(), 'Rapper, record producer and fashion designer.');
      assert.equal($('.archive-head img').attr('alt'), 'Kanye West');
      assert.deepEqual(
        $('.teaser h3 a').map((_, a) => $(a).attr('href')).get(),
        ['/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/'],
      );
    });

    test('an author page lists the author’s stories', async () => {
      const { $ } = await page('/author/staff/');
      assert.equal($('h1').text(), 'Mamas Uncut Staff');
      assert.equal($('.teaser').length, 1);
    });

    test('search at /?s= finds stories by their words and says so when nothing matches', async () => {
      const { response, $ } = await page('/?s=friendship');
      assert.equal(response.status, 200);
      assert.deepEqual($('.teaser h3 a').map((_, a) => $(a).text()).get(), ['John Legend Reveals How Politics Ruined His Friendship With Kanye West']);
      assert.equal($('meta[name="robots"]').attr('content'), 'noindex, follow');
      assert.equal($('input[name="s"]').attr('value'), 'friendship');
      const none = await page('/?s=xylophone');
      assert.match(none.$('.empty').text(), /No stories match “xylophone”/);
    });

    test('a static page is served at its slug without byline or section', async () => {
      const { response, $ } = await page('/about-us/');
      assert.equal(response.status, 200);
      assert.equal($('h1').text(), 'About us');
      assert.equal($('.byline').length, 0);
    });

    test('an unknown address answers 404 with a page that helps the reader on', async () => {
      const { response, $ } = await page('/no-such-story/');
      assert.equal(response.status, 404);
      assert.equal($('h1').text(), 'Page not found');
      assert.equal($('form[role="search"]').length, 1);
      assert.equal((await server.get('/unpublished-scoop/')).status, 404);
      assert.equal((await server.get('/tag/nobody/')).status, 404);
    });

    test('an address without its trailing slash redirects permanently to the one with it', async () => {
      const response = await server.get('/story-number-2?utm_source=x');
      assert.equal(response.status, 301);
      assert.equal(response.headers.get('location'), '/story-number-2/?utm_source=x');
    });

    test('a file name is not a story: /favicon.ico is the site icon, other files are 404 without a redirect', async () => {
      const icon = await server.get('/favicon.ico');
      assert.equal(icon.status, 200);
      assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
      const svg = await icon.text();
      assert.equal(XMLValidator.validate(svg), true);
      assert.equal(new XMLParser({ ignoreAttributes: false }).parse(svg).svg.text['#text'], 'M', 'the first letter of the site title');
      const file = await server.get('/apple-touch-icon.png');
      assert.equal(file.status, 404);
    });

    test('/healthz answers 200 while the store answers', async () => {
      const response = await server.get('/healthz');
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    });
  });
}

describe('/healthz when the store is gone', () => {
  test('answers 503 with a JSON error a load balancer can read', async () => {
    const t = await createTestStore('sqlite');
    const server = await startServer({ store: t.store, dataDir: t.dataDir });
    try {
      await t.store.close();
      const response = await server.get('/healthz');
      assert.equal(response.status, 503);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(body.error.code, 'STORE_UNAVAILABLE');
    } finally {
      await server.close();
      await t.cleanup();
    }
  });
});
