import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createCategory, createTag } from '../../src/operations/create-terms.js';

const PASSWORD = 'a long enough passphrase';
// Which fields an answer names; a field may carry more than one message.
const issuePaths = (body: { error: { issues?: Array<{ path: string }> } }) => [...new Set((body.error.issues ?? []).map((i) => i.path))].sort();

for (const engine of ENGINES) {
  describe(`newsroom categories and tags (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    const as = {} as Record<'administrator' | 'editor' | 'contributor', NewsroomClient>;
    const context = () => ({ store: t.store, clock: testClock() });

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
      for (const role of ['administrator', 'editor', 'contributor'] as const) {
        const email = `${role}@news.example`;
        await createAccount(context(), { email, name: `The ${role}`, role, password: PASSWORD });
        as[role] = new NewsroomClient(server);
        assert.equal((await as[role].signIn(email, PASSWORD)).status, 201);
      }
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    async function page(path: string) {
      return cheerio.load(await (await server.get(path)).text());
    }
    const tagLinks = ($: cheerio.CheerioAPI) => $('ul.tags a').map((_, a) => `${$(a).attr('href')} ${$(a).text()}`).get();

    test('an editor renames a tag: the posts showing it are rendered again and the old address answers 301', async () => {
      const tag = await createTag(context(), { name: 'Elections' });
      await createArticles(t.store, basics, { count: 2, prefix: 'Vote', tagIds: [tag.id] });
      const changed = await as.editor.request('PATCH', `/tags/${tag.id}`, { name: 'Midterms', slug: 'midterms', description: 'The vote' });
      assert.equal(changed.status, 200);
      assert.deepEqual([changed.body.tag.name, changed.body.tag.slug, changed.body.tag.description, changed.body.postsRerendered], ['Midterms', 'midterms', 'The vote', 2]);
      assert.deepEqual(tagLinks(await page('/vote-number-1/')), ['/tag/midterms/ Midterms']);
      const old = await server.get('/tag/elections/page/2/');
      assert.equal(old.status, 301);
      assert.equal(old.headers.get('location'), '/tag/midterms/page/2/');
      assert.equal((await server.get('/tag/never-was/')).status, 404);
    });

    test('merging tags: each post keeps one copy in the merged tag’s place, counts add up, the old address redirects', async () => {
      const kanye = await createTag(context(), { name: 'Ye', kind: 'person' });
      const first = await createTag(context(), { name: 'Grammys' });
      const [both] = await createArticles(t.store, basics, { count: 1, prefix: 'Both', tagIds: [basics.personTagId, first.id, kanye.id] });
      const [onlyYe] = await createArticles(t.store, basics, { count: 1, prefix: 'Only ye', tagIds: [first.id, kanye.id, basics.tagId] });
      const countBefore = (await as.contributor.request('GET', '/tags?text=kanye')).body.items[0].postCount as number;

      const merged = await as.editor.request('POST', `/tags/${kanye.id}/merge`, { into: basics.personTagId });
      assert.equal(merged.status, 200);
      assert.deepEqual([merged.body.tag.id, merged.body.movedPosts, merged.body.postsRerendered], [basics.personTagId, 2, 2]);
      assert.deepEqual((await t.store.posts.findById(both!.id))!.tagIds, [basics.personTagId, first.id]);
      assert.deepEqual((await t.store.posts.findById(onlyYe!.id))!.tagIds, [first.id, basics.personTagId, basics.tagId]);

      const listed = (await as.editor.request('GET', '/tags?text=kanye')).body;
      assert.deepEqual([listed.total, listed.items[0].postCount], [1, countBefore + 1]);
      assert.equal((await as.editor.request('GET', '/tags?text=ye&kind=person')).body.items.some((i: { id: number }) => i.id === kanye.id), false, 'the merged tag is gone');
      const old = await server.get('/tag/ye/');
      assert.deepEqual([old.status, old.headers.get('location')], [301, '/tag/kanye-west/']);
      assert.deepEqual(tagLinks(await page('/only-ye-number-1/')), ['/tag/grammys/ Grammys', '/tag/kanye-west/ Kanye West', '/tag/politics/ Politics']);
    });

    test('an address merged twice leads to the last tag', async () => {
      const [a, b, c] = [await createTag(context(), { name: 'Alpha' }), await createTag(context(), { name: 'Beta' }), await createTag(context(), { name: 'Gamma' })];
      assert.equal((await as.editor.request('POST', `/tags/${a.id}/merge`, { into: b.id })).status, 200);
      assert.equal((await as.editor.request('POST', `/tags/${b.id}/merge`, { into: c.id })).status, 200);
      for (const old of ['/tag/alpha/', '/tag/beta/']) assert.equal((await server.get(old)).headers.get('location'), '/tag/gamma/', old);
    });

    test('deleting a tag takes it off its posts and their pages', async () => {
      const tag = await createTag(context(), { name: 'Rumours' });
      await createArticles(t.store, basics, { count: 1, prefix: 'Gossip', tagIds: [tag.id, basics.tagId] });
      const deleted = await as.editor.request('DELETE', `/tags/${tag.id}`);
      assert.deepEqual([deleted.status, deleted.body.postsRerendered], [200, 1]);
      assert.deepEqual(tagLinks(await page('/gossip-number-1/')), ['/tag/politics/ Politics']);
      assert.equal((await server.get('/tag/rumours/')).status, 404);
      assert.equal((await as.editor.request('DELETE', `/tags/${tag.id}`)).status, 404);
    });

    test('a contributor may list and create tags, but not change, delete or merge them, nor touch categories', async () => {
      const created = await as.contributor.request('POST', '/tags', { name: 'Beyoncé', kind: 'person' });
      assert.equal(created.status, 201);
      assert.equal(created.body.tag.slug, 'beyonce');
      const id = created.body.tag.id as number;
      const refusals = [
        await as.contributor.request('PATCH', `/tags/${id}`, { name: 'Queen B' }),
        await as.contributor.request('DELETE', `/tags/${id}`),
        await as.contributor.request('POST', `/tags/${id}/merge`, { into: basics.tagId }),
        await as.contributor.request('POST', '/categories', { name: 'Gossip' }),
        await as.contributor.request('PATCH', `/categories/${basics.categoryId}`, { name: 'Gossip' }),
        await as.contributor.request('DELETE', `/categories/${basics.categoryId}`),
      ];
      assert.deepEqual(refusals.map((r) => [r.status, r.body.error.code]), Array(6).fill([403, 'FORBIDDEN']));
      const [tag] = await t.store.tags.findByIds([id]);
      assert.equal(tag!.name, 'Beyoncé', 'nothing changed');
      assert.equal((await as.contributor.request('GET', '/tags?text=BEYON')).body.items[0].id, id);
      assert.equal((await new NewsroomClient(server).request('GET', '/tags')).status, 401);
    });

    test('the routes are described in the OpenAPI document under Taxonomy', async () => {
      const { paths } = (await as.editor.request('GET', '/openapi.json')).body;
      for (const [path, method] of [['/api/admin/tags', 'get'], ['/api/admin/tags/{id}', 'patch'], ['/api/admin/tags/{id}/merge', 'post'], ['/api/admin/categories/{id}', 'delete']] as const) {
        assert.deepEqual(paths[path]?.[method]?.tags, ['Taxonomy'], `${method} ${path}`);
      }
      assert.ok(paths['/api/admin/tags'].get.parameters.some((p: { name: string; in: string }) => p.name === 'kind' && p.in === 'query'));
    });

    test('bad input is refused naming each field; slugs in use are a conflict', async () => {
      const answers = {
        fields: await as.editor.request('PATCH', `/tags/${basics.tagId}`, { kind: 'band', colour: 'red' }),
        empty: await as.editor.request('PATCH', `/tags/${basics.tagId}`, {}),
        picture: await as.editor.request('PATCH', `/tags/${basics.tagId}`, { imageMediaId: 9999 }),
        self: await as.editor.request('POST', `/tags/${basics.tagId}/merge`, { into: basics.tagId }),
        nowhere: await as.editor.request('POST', `/tags/${basics.tagId}/merge`, { into: 9999 }),
        query: await as.editor.request('GET', '/tags?perPage=0&kind=band'),
      };
      assert.deepEqual(issuePaths(answers.fields.body), ['/colour', '/kind']);
      assert.equal(answers.empty.status, 422);
      assert.deepEqual(issuePaths(answers.picture.body), ['/imageMediaId']);
      assert.deepEqual(issuePaths(answers.self.body), ['/into']);
      assert.deepEqual(issuePaths(answers.nowhere.body), ['/into']);
      assert.deepEqual(issuePaths(answers.query.body), ['/querystring/kind', '/querystring/perPage']);
      assert.ok(Object.values(answers).every((a) => a.status === 422));
      assert.equal((await as.editor.request('PATCH', '/tags/9999', { name: 'Nobody' })).status, 404);

      const clashes = [
        await as.editor.request('PATCH', `/tags/${basics.tagId}`, { slug: 'kanye-west' }),
        await as.editor.request('POST', '/tags', { name: 'Politics again', slug: 'politics' }),
        await as.editor.request('PATCH', `/categories/${basics.categoryId}`, { slug: 'music' }),
      ];
      assert.deepEqual(clashes.map((c) => [c.status, c.body.error.code, issuePaths(c.body)]), Array(3).fill([409, 'CONFLICT', ['/slug']]));
      const [politics] = await t.store.tags.findByIds([basics.tagId]);
      assert.equal(politics!.slug, 'politics');
    });

    test('categories nest, but never inside themselves or their own subcategories', async () => {
      const news = (await as.editor.request('POST', '/categories', { name: 'News' })).body.category;
      const world = (await as.editor.request('POST', '/categories', { name: 'World', parentId: news.id })).body.category;
      const europe = (await as.editor.request('POST', '/categories', { name: 'Europe', parentId: world.id })).body.category;
      const cycle = await as.editor.request('PATCH', `/categories/${news.id}`, { parentId: europe.id });
      const itself = await as.editor.request('PATCH', `/categories/${world.id}`, { parentId: world.id });
      const missing = await as.editor.request('PATCH', `/categories/${world.id}`, { parentId: 9999 });
      assert.deepEqual([cycle, itself, missing].map((a) => [a.status, issuePaths(a.body)]), Array(3).fill([422, ['/parentId']]));
      assert.equal((await t.store.categories.findById(news.id))!.parentId, null, 'nothing changed');
      const moved = await as.editor.request('PATCH', `/categories/${europe.id}`, { parentId: news.id });
      assert.equal(moved.body.category.parentId, news.id);
      const listed = (await as.contributor.request('GET', '/categories')).body.items as Array<{ id: number; parentId: number | null; postCount: number }>;
      assert.equal(listed.find((c) => c.id === europe.id)!.parentId, news.id);
    });

    test('renaming a category reaches cards, pages and the menu at once; deleting it leaves its posts and children without it', async () => {
      const section = await createCategory(context(), { name: 'Fashion' });
      const child = await createCategory(context(), { name: 'Red carpet', parentId: section.id });
      await createArticles(t.store, basics, { count: 3, prefix: 'Gown', categoryId: section.id });
      const counted = (await as.editor.request('GET', '/categories')).body.items.find((c: { id: number }) => c.id === section.id);
      assert.equal(counted.postCount, 3);

      assert.equal((await as.editor.request('PATCH', `/categories/${section.id}`, { name: 'Style', slug: 'style' })).body.postsRerendered, 3);
      const renamed = await page('/gown-number-1/');
      assert.equal(renamed('.kicker a').attr('href'), '/category/style/');
      assert.ok(renamed('nav.site-nav a').map((_, a) => renamed(a).text()).get().includes('Style'), 'the menu shows the new name without waiting');
      assert.equal((await server.get('/category/fashion/')).headers.get('location'), '/category/style/');

      const deleted = await as.editor.request('DELETE', `/categories/${section.id}`);
      assert.deepEqual([deleted.status, deleted.body.postsRerendered], [200, 3]);
      const orphan = await page('/gown-number-1/');
      assert.equal(orphan('.kicker').length, 0);
      assert.equal(orphan('nav.site-nav a').map((_, a) => orphan(a).text()).get().includes('Style'), false);
      assert.equal((await t.store.categories.findById(child.id))!.parentId, null);
      assert.equal((await server.get('/category/fashion/')).status, 404, 'no redirect to a deleted category');
    });

    test('the navigation setting replaces the automatic menu, in order; bad links are refused; empty brings it back', async () => {
      const menu = [
        { label: 'Music', url: '/category/music/' },
        { label: 'Kanye', url: '/tag/kanye-west/' },
        { label: 'Shop', url: 'https://shop.example/' },
      ];
      const set = await as.administrator.request('PATCH', '/settings', { navigation: menu });
      assert.deepEqual([set.status, set.body.settings.navigation], [200, menu]);
      const $ = await page('/');
      assert.deepEqual($('nav.site-nav a').map((_, a) => `${$(a).text()} ${$(a).attr('href')}`).get(), menu.map((i) => `${i.label} ${i.url}`));

      const bad = await as.administrator.request('PATCH', '/settings', { navigation: [{ label: 'x', url: 'javascript:alert(1)' }, { label: 'y', url: '//evil.example/' }] });
      assert.deepEqual([bad.status, issuePaths(bad.body)], [422, ['/navigation/0/url', '/navigation/1/url']]);
      const tooMany = await as.administrator.request('PATCH', '/settings', { navigation: Array.from({ length: 13 }, (_, i) => ({ label: `L${i}`, url: '/' })) });
      assert.deepEqual(issuePaths(tooMany.body), ['/navigation']);
      assert.equal((await as.editor.request('PATCH', '/settings', { navigation: [] })).status, 403);

      assert.equal((await as.administrator.request('PATCH', '/settings', { navigation: [] })).status, 200);
      const automatic = await page('/');
      assert.equal(automatic('nav.site-nav a[href="https://shop.example/"]').length, 0);
      assert.ok(automatic('nav.site-nav a').first().attr('href')!.startsWith('/category/'));
    });
  });
}
