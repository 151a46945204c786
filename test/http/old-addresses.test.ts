import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { paragraphs } from '../../src/content/body.js';
import type { Post } from '../../src/content/types.js';
import { createPost } from '../../src/operations/create-post.js';
import { createCategory } from '../../src/operations/create-terms.js';
import { updatePost } from '../../src/operations/editorial/update-post.js';

/**
 * Old links keep working: the redirects table (what an import or the
 * newsroom wrote) and WordPress's own guesses, answered only where the site
 * would otherwise say 404, over real HTTP on both engines.
 */

const AT = '2026-01-01T00:00:00.000Z';

for (const engine of ENGINES) {
  describe(`old addresses (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    let story: Post;
    let draft: Post;
    let scheduled: Post;
    const queries: string[] = [];
    const context = () => ({ store: t.store, clock: testClock() });

    async function publish(input: { title: string; slug: string; kind?: 'article' | 'page'; status?: 'published' | 'draft' | 'scheduled'; publishedAt?: string }): Promise<Post> {
      return createPost(context(), {
        kind: input.kind ?? 'article',
        status: input.status ?? 'published',
        title: input.title,
        slug: input.slug,
        body: paragraphs([`${input.title}.`]),
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        publishedAt: input.publishedAt ?? (input.status === 'draft' ? undefined : '2026-06-01T10:00:00.000Z'),
      });
    }

    /** The answer to a GET (or another method), without following a redirect. */
    async function visit(path: string, method = 'GET') {
      const response = await server.get(path, { method });
      return { status: response.status, location: response.headers.get('location'), body: method === 'HEAD' ? '' : await response.text() };
    }

    async function assertRedirect(path: string, location: string, status = 301) {
      const answer = await visit(path);
      assert.deepEqual([answer.status, answer.location], [status, location], path);
    }

    async function assertNotFound(path: string) {
      const answer = await visit(path);
      assert.equal(answer.status, 404, `${path} → ${answer.status} ${answer.location ?? ''}`);
      assert.equal(answer.location, null, path);
      assert.equal(cheerio.load(answer.body)('h1').text(), 'Page not found', path);
    }

    before(async () => {
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      basics = await createBasics(t.store);
      await createCategory(context(), { name: 'Celebrity', slug: 'celebrity' });
      story = await publish({ title: 'Kanye speaks', slug: 'kanye-speaks' });
      await publish({ title: 'The team', slug: 'team', kind: 'page' });
      await publish({ title: 'Λ story', slug: 'λ-story' });
      draft = await publish({ title: 'Secret scoop', slug: 'secret-scoop', status: 'draft' });
      scheduled = await publish({ title: 'Tomorrow’s news', slug: 'tomorrows-news', status: 'scheduled', publishedAt: '2027-01-01T00:00:00.000Z' });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    describe('the redirects table', () => {
      test('an imported permalink leads to its post’s address', async () => {
        await t.store.redirects.putImported({ fromPath: '/2019/05/17/kanye-speaks-out/', target: { postId: story.id }, at: AT });
        await assertRedirect('/2019/05/17/kanye-speaks-out/', '/kanye-speaks/');
      });

      test('the export’s lowercase escapes match a browser’s uppercase ones, with tracking parameters and without the slash', async () => {
        await t.store.redirects.putImported({ fromPath: '/%CE%BB-old/', target: { postId: story.id }, at: AT });
        await assertRedirect('/%ce%bb-old/?utm_source=twitter&fbclid=x', '/kanye-speaks/');
        await assertRedirect('/2019/%CE%BB-story', '/%CE%BB-story/');
      });

      test('a row to a path answers with the row’s status code; to an address elsewhere, with that address', async () => {
        const temporary = await t.store.redirects.insert({ fromPath: '/old-section/', target: { path: '/category/celebrity/' }, statusCode: 302, at: AT });
        assert.ok(temporary);
        await assertRedirect('/old-section/', '/category/celebrity/', 302);
        await t.store.redirects.insert({ fromPath: '/shop/', target: { path: 'https://shop.example/mamas/' }, statusCode: 308, at: AT });
        await assertRedirect('/shop/', 'https://shop.example/mamas/', 308);
      });

      test('a file name keeps its address: /old.html is looked up as it is', async () => {
        await t.store.redirects.putImported({ fromPath: '/old-page.html', target: { path: '/team/' }, at: AT });
        await assertRedirect('/old-page.html', '/team/');
      });

      test('a post renamed after the redirect was made is still one hop away', async () => {
        const renamed = await publish({ title: 'Renamed later', slug: 'first-name' });
        await t.store.redirects.putImported({ fromPath: '/2018/renamed/', target: { postId: renamed.id }, at: AT });
        await assertRedirect('/2018/renamed/', '/first-name/');
        await updatePost({ ...context(), actor: { id: basics.authorId, role: 'editor' } }, { id: renamed.id, revision: renamed.revision, slug: 'second-name' });
        await assertRedirect('/2018/renamed/', '/second-name/');
        assert.equal((await visit('/second-name/')).status, 200);
      });

      test('a draft or scheduled target is a 404 that names nothing', async () => {
        await t.store.redirects.putImported({ fromPath: '/2019/leak/', target: { postId: draft.id }, at: AT });
        await t.store.redirects.putImported({ fromPath: '/2019/soon/', target: { postId: scheduled.id }, at: AT });
        for (const path of ['/2019/leak/', '/2019/soon/']) {
          await assertNotFound(path);
          const body = (await visit(path)).body;
          assert.doesNotMatch(body, /secret-scoop|tomorrows-news/);
        }
      });

      test('an archive page that finds nothing looks its address up too', async () => {
        await t.store.redirects.putImported({ fromPath: '/author/old-login/', target: { path: '/author/ada/' }, at: AT });
        await assertRedirect('/author/old-login/', '/author/ada/');
        await assertNotFound('/author/nobody/');
      });

      test('a HEAD request is answered as a GET is', async () => {
        const answer = await visit('/2019/05/17/kanye-speaks-out/', 'HEAD');
        assert.deepEqual([answer.status, answer.location], [301, '/kanye-speaks/']);
      });

      test('only reads are redirected', async () => {
        const answer = await visit('/2019/05/17/kanye-speaks-out/', 'POST');
        assert.equal(answer.status, 404);
        assert.equal(answer.location, null);
      });
    });

    describe('WordPress’s guesses', () => {
      test('date permalinks of every length lead to the post their last part names', async () => {
        for (const path of ['/2019/05/17/kanye-speaks/', '/2019/05/kanye-speaks/', '/2019/kanye-speaks/', '/news/showbiz/kanye-speaks/', '/2019/05/17/kanye-speaks/2/']) {
          await assertRedirect(path, '/kanye-speaks/');
        }
      });

      test('a page under its old parents leads to the page', async () => {
        await assertRedirect('/about/team/', '/team/');
        await assertRedirect('/about/people/team/', '/team/');
      });

      test('an old slug under a date leads to the post’s slug today', async () => {
        const moved = await publish({ title: 'Moved story', slug: 'moved-before' });
        await updatePost({ ...context(), actor: { id: basics.authorId, role: 'editor' } }, { id: moved.id, revision: moved.revision, slug: 'moved-after' });
        await assertRedirect('/2020/01/moved-before/', '/moved-after/');
        await assertRedirect('/moved-before/', '/moved-after/');
      });

      test('a nested category address leads to the category', async () => {
        await assertRedirect('/category/entertainment/celebrity/', '/category/celebrity/');
        await assertRedirect('/category/entertainment/celebrity/page/2/', '/category/celebrity/page/2/');
        await assertRedirect('/category/entertainment/celebrity/feed/', '/category/celebrity/feed/');
        await assertNotFound('/category/entertainment/nothing-here/');
      });

      test('a post’s comment feed leads to the post, the site’s comment feed to the site’s feed', async () => {
        for (const path of ['/kanye-speaks/feed/', '/kanye-speaks/feed/rss2/', '/kanye-speaks/feed/atom/', '/2019/05/kanye-speaks/feed/']) {
          await assertRedirect(path, '/kanye-speaks/');
        }
        await assertRedirect('/comments/feed/', '/feed/');
      });

      test('date archives have nothing to lead to: 404', async () => {
        for (const path of ['/2019/', '/2019/05/', '/2019/05/17/', '/2019/05/page/2/']) await assertNotFound(path);
      });

      test('never guesses its way to a draft or a scheduled post', async () => {
        await assertNotFound('/2019/05/secret-scoop/');
        await assertNotFound('/2019/05/tomorrows-news/');
        await assertNotFound('/secret-scoop/feed/');
      });

      test('an address nothing fits stays a 404', async () => {
        await assertNotFound('/2019/05/never-written/');
        await assertNotFound('/never-written/');
      });
    });

    describe('WordPress’s query addresses on the home page', () => {
      test('IDs the import wrote answer 301, with or without tracking parameters', async () => {
        const rows: Array<[string, number]> = [['/?p=123', story.id], ['/?page_id=7', story.id], ['/?attachment_id=9', story.id]];
        for (const [fromPath, postId] of rows) await t.store.redirects.putImported({ fromPath, target: { postId }, at: AT });
        await t.store.redirects.putImported({ fromPath: '/?cat=4', target: { path: '/category/celebrity/' }, at: AT });
        await t.store.redirects.putImported({ fromPath: '/?author=2', target: { path: '/author/ada/' }, at: AT });
        await assertRedirect('/?p=123', '/kanye-speaks/');
        await assertRedirect('/?p=123&utm_source=newsletter&preview=true', '/kanye-speaks/');
        await assertRedirect('/index.php?p=123', '/kanye-speaks/');
        await assertRedirect('/?page_id=7', '/kanye-speaks/');
        await assertRedirect('/?attachment_id=9', '/kanye-speaks/');
        await assertRedirect('/?cat=4', '/category/celebrity/');
        await assertRedirect('/?author=2', '/author/ada/');
      });

      test('an ID the table does not know is a 404, never the home page', async () => {
        for (const path of ['/?p=999', '/?page_id=1', '/?attachment_id=1', '/?cat=99', '/?author=99']) await assertNotFound(path);
      });

      test('slugs in the query lead where WordPress would have shown them', async () => {
        await assertRedirect('/?name=kanye-speaks', '/kanye-speaks/');
        await assertRedirect('/?pagename=about/team', '/team/');
        await assertRedirect('/?tag=politics', '/tag/politics/');
        await assertNotFound('/?name=secret-scoop');
        await assertNotFound('/?tag=no-such-tag');
      });

      test('feed and page parameters lead to our feeds and pages', async () => {
        await assertRedirect('/?feed=rss2', '/feed/');
        await assertRedirect('/?feed=rss', '/feed/');
        await assertRedirect('/?feed=rdf', '/feed/');
        await assertRedirect('/?feed=atom', '/feed/atom/');
        await assertRedirect('/?paged=2', '/page/2/');
      });

      test('search and other parameters still show the page they always did', async () => {
        assert.equal((await visit('/?s=kanye')).status, 200);
        assert.equal((await visit('/?utm_source=newsletter')).status, 200);
        assert.equal((await visit('/?p=')).status, 200, 'an empty variable is no variable');
      });
    });

    describe('safety', () => {
      test('a doubled slash never becomes a redirect to another host', async () => {
        for (const path of ['//evil.com/', '//evil.com/kanye-speaks/', '/%2F%2Fevil.com/']) {
          const answer = await visit(path);
          assert.ok(answer.location === null || answer.location.startsWith('/') && !answer.location.startsWith('//'), `${path} → ${answer.location}`);
          assert.ok(answer.status === 404 || answer.status === 301, `${path} → ${answer.status}`);
        }
        await assertNotFound('//evil.com/');
      });

      test('a stored path that names another host is not followed', async () => {
        await t.store.redirects.putImported({ fromPath: '/to-elsewhere/', target: { path: '//evil.com/' }, at: AT });
        await t.store.redirects.putImported({ fromPath: '/to-elsewhere-2/', target: { path: '/\\evil.com/' }, at: AT });
        await assertNotFound('/to-elsewhere/');
        await assertNotFound('/to-elsewhere-2/');
      });

      test('a row leading to its own address is not followed', async () => {
        await t.store.redirects.putImported({ fromPath: '/2019/round/', target: { path: '/2019/round' }, at: AT });
        await assertNotFound('/2019/round/');
      });

      test('the newsroom, the APIs and media files are never looked up', async () => {
        await t.store.redirects.putImported({ fromPath: '/media/old.jpg', target: { path: '/team/' }, at: AT });
        queries.length = 0;
        assert.equal((await visit('/media/old.jpg')).status, 404);
        assert.deepEqual(queries.filter((sql) => /redirects/.test(sql)), []);
      });
    });

    describe('the pages that exist do not pay for it', () => {
      test('an article and the home page make no redirect or old-slug query', async () => {
        for (const path of ['/kanye-speaks/', '/', '/?utm_source=x', '/category/celebrity/']) {
          queries.length = 0;
          assert.equal((await visit(path)).status, 200, path);
          assert.deepEqual(queries.filter((sql) => /redirects|post_slug_history/.test(sql)), [], path);
        }
      });

      test('an address the table names but a post now has is the post', async () => {
        await t.store.redirects.putImported({ fromPath: '/team/', target: { path: '/category/celebrity/' }, at: AT });
        assert.equal((await visit('/team/')).status, 200);
      });
    });
  });
}
