import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { paragraphs } from '../../src/content/body.js';
import type { Post } from '../../src/content/types.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createPost } from '../../src/operations/create-post.js';

const PASSWORD = 'a long enough passphrase';
const AT = '2026-01-01T00:00:00.000Z';
const issues = (body: { error: { issues?: Array<{ path: string; message: string }> } }) => (body.error.issues ?? []).map((i) => `${i.path}: ${i.message}`);

for (const engine of ENGINES) {
  describe(`newsroom redirects (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    let story: Post;
    let counter = 0;
    const as = {} as Record<'editor' | 'author', NewsroomClient>;
    const context = () => ({ store: t.store, clock: testClock() });
    /** A fresh old address per test, so tests do not depend on each other's rows. */
    const fresh = (prefix = 'old') => `/${prefix}-${++counter}/`;

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      story = await createPost(context(), {
        status: 'published',
        title: 'Kanye speaks',
        slug: 'kanye-speaks',
        body: paragraphs(['Text.']),
        authorIds: [basics.authorId],
        publishedAt: '2026-06-01T10:00:00.000Z',
      });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
      for (const role of ['editor', 'author'] as const) {
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

    test('an editor adds a redirect to a path; the site answers with it at once', async () => {
      const created = await as.editor.request('POST', '/redirects', { fromPath: '/2019/05/old-story', toPath: '/kanye-speaks/' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { redirect } = created.body;
      assert.deepEqual(
        [redirect.fromPath, redirect.toPath, redirect.postId, redirect.statusCode, redirect.origin],
        ['/2019/05/old-story/', '/kanye-speaks/', null, 301, 'newsroom'],
        'the old address is stored as the site looks it up, with a trailing slash',
      );
      const answer = await server.get('/2019/05/old-story/?utm_source=x');
      assert.deepEqual([answer.status, answer.headers.get('location')], [301, '/kanye-speaks/']);
    });

    test('a redirect to a post, with its own status code, follows the post', async () => {
      const created = await as.editor.request('POST', '/redirects', { fromPath: 'https://old.example/?p=42', postId: story.id, statusCode: 302 });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.deepEqual([created.body.redirect.fromPath, created.body.redirect.postId, created.body.redirect.toPath], ['/?p=42', story.id, null]);
      const answer = await server.get('/?p=42');
      assert.deepEqual([answer.status, answer.headers.get('location')], [302, '/kanye-speaks/']);
    });

    test('an absolute address elsewhere is kept as given', async () => {
      const created = await as.editor.request('POST', '/redirects', { fromPath: fresh('shop'), toPath: 'https://shop.example/mamas/?ref=site' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.redirect.toPath, 'https://shop.example/mamas/?ref=site');
    });

    test('lists newest first, finds by old address, target or post title, filters by origin, and pages with a total', async () => {
      const imported = '/2015/imported-one/';
      await t.store.redirects.putImported({ fromPath: imported, target: { postId: story.id }, at: AT });
      const list = await as.editor.request('GET', '/redirects?perPage=2');
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 2);
      assert.ok(list.body.total >= 4, String(list.body.total));
      assert.deepEqual([list.body.page, list.body.perPage], [1, 2]);
      const all = (await as.editor.request('GET', '/redirects?perPage=200')).body.items as Array<{ createdAt: string; id: number }>;
      const order = all.map((item) => `${item.createdAt}#${String(item.id).padStart(6, '0')}`);
      assert.deepEqual(order, [...order].sort().reverse(), 'newest first');

      const second = await as.editor.request('GET', '/redirects?perPage=2&page=2');
      assert.notDeepEqual(second.body.items.map((i: { id: number }) => i.id), list.body.items.map((i: { id: number }) => i.id));

      const byFrom = await as.editor.request('GET', '/redirects?text=OLD-STORY');
      assert.deepEqual(byFrom.body.items.map((i: { fromPath: string }) => i.fromPath), ['/2019/05/old-story/']);
      const byTarget = await as.editor.request('GET', '/redirects?text=shop.example');
      assert.equal(byTarget.body.total, 1);
      const byPost = await as.editor.request('GET', '/redirects?text=kanye%20speaks');
      assert.ok(byPost.body.items.some((i: { fromPath: string; post: { title: string } | null }) => i.fromPath === imported && i.post?.title === 'Kanye speaks'));

      const onlyImported = await as.editor.request('GET', '/redirects?origin=import');
      assert.deepEqual(onlyImported.body.items.map((i: { fromPath: string }) => i.fromPath), [imported]);
      const onlyNewsroom = await as.editor.request('GET', '/redirects?origin=newsroom');
      assert.ok(onlyNewsroom.body.items.every((i: { origin: string }) => i.origin === 'newsroom'));
      assert.equal(onlyNewsroom.body.total + onlyImported.body.total, (await as.editor.request('GET', '/redirects')).body.total);
    });

    test('finds an address with Unicode by what was typed', async () => {
      await as.editor.request('POST', '/redirects', { fromPath: '/λ-old/', toPath: '/kanye-speaks/' });
      const found = await as.editor.request('GET', `/redirects?text=${encodeURIComponent('λ-old')}`);
      assert.deepEqual(found.body.items.map((i: { fromPath: string }) => i.fromPath), ['/%CE%BB-old/']);
    });

    test('refuses an old address that is not a path of this site, or belongs to the newsroom, naming the field', async () => {
      for (const fromPath of ['not-a-path', '//evil.com/x', 'javascript:alert(1)']) {
        const answer = await as.editor.request('POST', '/redirects', { fromPath, toPath: '/kanye-speaks/' });
        assert.equal(answer.status, 422, fromPath);
        assert.match(issues(answer.body).join(), /^\/fromPath: must be a path on this site/, fromPath);
      }
      for (const fromPath of ['/admin/posts', '/api/admin/session', '/wp-json/wp/v2/posts', '/media/photo.jpg']) {
        const answer = await as.editor.request('POST', '/redirects', { fromPath, toPath: '/kanye-speaks/' });
        assert.equal(answer.status, 422, fromPath);
        assert.match(issues(answer.body).join(), /^\/fromPath: must not be under \/admin, \/api, \/wp-json or \/media/, fromPath);
      }
      const home = await as.editor.request('POST', '/redirects', { fromPath: '/?utm_source=x', toPath: '/kanye-speaks/' });
      assert.match(issues(home.body).join(), /^\/fromPath: cannot be the home page/);
    });

    test('refuses a target that is not a path or an http(s) address, or a post that does not exist', async () => {
      for (const toPath of ['//evil.com/', 'kanye-speaks', 'javascript:alert(1)', 'ftp://files.example/']) {
        const answer = await as.editor.request('POST', '/redirects', { fromPath: fresh(), toPath });
        assert.equal(answer.status, 422, toPath);
        assert.deepEqual(issues(answer.body), ['/toPath: must be a path on this site starting with / (not //), or a full http(s) address'], toPath);
      }
      const missing = await as.editor.request('POST', '/redirects', { fromPath: fresh(), postId: 999_999 });
      assert.deepEqual([missing.status, issues(missing.body)], [422, ['/postId: no post has id 999999']]);
      const both = await as.editor.request('POST', '/redirects', { fromPath: fresh(), toPath: '/x/', postId: story.id });
      assert.deepEqual([both.status, issues(both.body)], [422, ['/toPath: give either toPath or postId, not both']]);
      const neither = await as.editor.request('POST', '/redirects', { fromPath: fresh() });
      assert.equal(neither.status, 422);
      assert.match(issues(neither.body).join(), /^\/toPath: is required/);
    });

    test('the schema names every bad field at once', async () => {
      const answer = await as.editor.request('POST', '/redirects', { fromPath: '', statusCode: 303, extra: true });
      assert.equal(answer.status, 422);
      const paths = (answer.body.error.issues as Array<{ path: string }>).map((i) => i.path).sort();
      assert.deepEqual(paths, ['/extra', '/fromPath', '/statusCode']);
    });

    test('refuses a redirect to its own address, and one that closes a loop with others', async () => {
      const self = await as.editor.request('POST', '/redirects', { fromPath: '/round', toPath: '/round/?utm_source=x' });
      assert.deepEqual([self.status, issues(self.body)], [422, ['/toPath: leads back to /round/ itself']]);
      const a = fresh('loop-a');
      const b = fresh('loop-b');
      assert.equal((await as.editor.request('POST', '/redirects', { fromPath: a, toPath: b })).status, 201);
      const closing = await as.editor.request('POST', '/redirects', { fromPath: b, toPath: a });
      assert.deepEqual([closing.status, issues(closing.body)], [422, [`/toPath: would make a loop: ${b} → ${a} → ${b}`]]);
    });

    test('a second redirect for the same old address is a conflict, however it is spelled', async () => {
      const fromPath = fresh('taken');
      const first = await as.editor.request('POST', '/redirects', { fromPath, toPath: '/kanye-speaks/' });
      assert.equal(first.status, 201);
      const again = await as.editor.request('POST', '/redirects', { fromPath: `https://old.example${fromPath.slice(0, -1)}?fbclid=1`, toPath: '/elsewhere/' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'CONFLICT');
      assert.deepEqual(issues(again.body), ['/fromPath: already has a redirect']);
      assert.equal(again.body.error.redirectId, first.body.redirect.id);
      const other = (await as.editor.request('POST', '/redirects', { fromPath: fresh('other'), toPath: '/kanye-speaks/' })).body.redirect;
      const moved = await as.editor.request('PATCH', `/redirects/${other.id}`, { fromPath });
      assert.deepEqual([moved.status, issues(moved.body)], [409, ['/fromPath: already has a redirect']]);
    });

    test('editing an imported redirect makes it the newsroom’s, so a new import leaves it alone', async () => {
      const fromPath = '/2014/imported-then-edited/';
      await t.store.redirects.putImported({ fromPath, target: { postId: story.id }, at: AT });
      const row = await t.store.redirects.findByFromPath(fromPath);
      assert.equal(row?.origin, 'import');
      const edited = await as.editor.request('PATCH', `/redirects/${row!.id}`, { toPath: '/category/showbiz/', statusCode: 307 });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.deepEqual(
        [edited.body.redirect.origin, edited.body.redirect.toPath, edited.body.redirect.postId, edited.body.redirect.statusCode, edited.body.redirect.fromPath],
        ['newsroom', '/category/showbiz/', null, 307, fromPath],
      );
      assert.equal(await t.store.redirects.putImported({ fromPath, target: { postId: story.id }, at: AT }), 'kept');
      const answer = await server.get(fromPath);
      assert.deepEqual([answer.status, answer.headers.get('location')], [307, '/category/showbiz/']);
    });

    test('an edit changes only what it names; a post target replaces a path one', async () => {
      const created = (await as.editor.request('POST', '/redirects', { fromPath: fresh('edit'), toPath: '/somewhere/', statusCode: 302 })).body.redirect;
      const changed = await as.editor.request('PATCH', `/redirects/${created.id}`, { postId: story.id });
      assert.deepEqual([changed.body.redirect.postId, changed.body.redirect.toPath, changed.body.redirect.statusCode, changed.body.redirect.fromPath], [story.id, null, 302, created.fromPath]);
      const empty = await as.editor.request('PATCH', `/redirects/${created.id}`, {});
      assert.equal(empty.status, 422);
      const missing = await as.editor.request('PATCH', '/redirects/999999', { statusCode: 301 });
      assert.equal(missing.status, 404);
    });

    test('deleting a redirect makes its old address a 404 again', async () => {
      const fromPath = fresh('gone');
      const created = (await as.editor.request('POST', '/redirects', { fromPath, toPath: '/kanye-speaks/' })).body.redirect;
      assert.equal((await server.get(fromPath)).status, 301);
      const deleted = await as.editor.request('DELETE', `/redirects/${created.id}`);
      assert.equal(deleted.status, 200);
      assert.equal((await server.get(fromPath)).status, 404);
      assert.equal((await as.editor.request('DELETE', `/redirects/${created.id}`)).status, 404);
    });

    test('an author may neither see nor change redirects', async () => {
      const list = await as.author.request('GET', '/redirects');
      assert.deepEqual([list.status, list.body.error.code], [403, 'FORBIDDEN']);
      const fromPath = fresh('author');
      const add = await as.author.request('POST', '/redirects', { fromPath, toPath: '/kanye-speaks/' });
      assert.equal(add.status, 403);
      assert.equal(await t.store.redirects.findByFromPath(fromPath), undefined);
    });
  });
}
