import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { sql } from 'kysely';
import { paragraphs } from '../../src/content/body.js';
import type { Post } from '../../src/content/types.js';
import { createPost } from '../../src/operations/create-post.js';
import { applyPostAccess } from '../../src/operations/post-access-settings.js';
import { stickyQuery } from '../../src/store/queries/posts.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, TEST_NOW, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';

for (const engine of ENGINES) {
  describe(`sticky posts (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    let stories: Post[];
    const queries: string[] = [];

    const sticky = (post: Post) => applyPostAccess(t.store, post.id, { password: null, isSticky: true });
    const titles = ($: cheerio.CheerioAPI, selector: string) => $(selector).map((_, a) => $(a).text()).get();

    before(async () => {
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      basics = await createBasics(t.store);
      // Story number 1 is the newest, 25 the oldest.
      stories = await createArticles(t.store, basics, { count: 25 });
      await sticky(stories[4]!);
      await sticky(stories[11]!);
      await sticky(stories[22]!);
      const context = { store: t.store, clock: testClock() };
      const draft = await createPost(context, { status: 'draft', title: 'Sticky draft', body: paragraphs(['Not yet.']), authorIds: [basics.authorId] });
      const page = await createPost(context, { kind: 'page', status: 'published', title: 'Sticky page', body: paragraphs(['About.']), authorIds: [basics.authorId], publishedAt: TEST_NOW });
      await sticky(draft);
      await sticky(page);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('the home page leads with the newest sticky story, then the other sticky ones, then the latest', async () => {
      const $ = cheerio.load(await (await server.get('/')).text());
      assert.equal($('.lead h2 a').text(), 'Story number 5');
      const latest = titles($, '#latest ~ .teasers .teaser h3 a');
      assert.deepEqual(latest.slice(0, 5), ['Story number 12', 'Story number 23', 'Story number 1', 'Story number 2', 'Story number 3']);
    });

    test('a sticky story is not repeated further down the first page', async () => {
      const $ = cheerio.load(await (await server.get('/')).text());
      const shown = [$('.lead h2 a').text(), ...titles($, '#latest ~ .teasers .teaser h3 a')];
      assert.equal(new Set(shown).size, shown.length, shown.join(', '));
      // The first page is what it would be without sticky stories (1 to 20), plus the sticky one from further back (23).
      assert.equal(shown.length, 21);
    });

    test('only published articles are sticky: not a draft, not a page', async () => {
      const text = await (await server.get('/')).text();
      assert.ok(!text.includes('Sticky draft'));
      assert.ok(!/<h3><a href="\/sticky-page\/">/.test(text));
    });

    test('the next page starts where the first would have ended, sticky stories in their place', async () => {
      const first = cheerio.load(await (await server.get('/')).text());
      const next = first('a[rel="next"]').attr('href')!;
      const $ = cheerio.load(await (await server.get(next)).text());
      assert.deepEqual(titles($, '.teaser h3 a'), ['Story number 21', 'Story number 22', 'Story number 23', 'Story number 24', 'Story number 25']);
    });

    test('the home page still makes four queries', async () => {
      queries.length = 0;
      await server.get('/');
      assert.ok(queries.length <= 4, `${queries.length} queries:\n${queries.join('\n')}`);
    });

    test('finding the sticky stories reads the small sticky index, not every story', async () => {
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
      const plan = await t.store.dialect.explain(stickyQuery(t.store.dialect, { now: TEST_NOW, limit: 10 }).select('p.id').compile());
      assert.match(plan, /posts_sticky/, plan);
    });

    test('the REST API says which posts are sticky, and lists them or the others', async () => {
      const get = async (path: string) => (await (await server.get(`/wp-json/wp/v2/${path}`)).json()) as Array<{ id: number; sticky: boolean }>;
      const all = await get('posts?per_page=100');
      assert.deepEqual(all.filter((post) => post.sticky).map((post) => post.id).sort(), [stories[4]!.id, stories[11]!.id, stories[22]!.id].sort());
      assert.deepEqual((await get('posts?sticky=true')).map((post) => post.id), [stories[4]!.id, stories[11]!.id, stories[22]!.id]);
      const others = await get('posts?sticky=false&per_page=100');
      assert.equal(others.length, 22);
      assert.ok(others.every((post) => !post.sticky));
      const response = await server.get('/wp-json/wp/v2/posts?sticky=maybe');
      assert.equal(response.status, 400);
      assert.equal(((await response.json()) as { code: string }).code, 'rest_invalid_param');
    });

    test('a post no longer sticky takes its place by date again', async () => {
      await applyPostAccess(t.store, stories[4]!.id, { password: null, isSticky: false });
      const $ = cheerio.load(await (await server.get('/')).text());
      assert.equal($('.lead h2 a').text(), 'Story number 12');
      assert.deepEqual(titles($, '#latest ~ .teasers .teaser h3 a').slice(0, 3), ['Story number 23', 'Story number 1', 'Story number 2']);
      await sticky(stories[4]!);
    });
  });
}
