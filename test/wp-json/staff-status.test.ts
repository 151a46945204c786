import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WPAPI from 'wpapi';
import { paragraphs } from '../../src/content/body.js';
import type { Role } from '../../src/content/roles.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createPost } from '../../src/operations/create-post.js';
import { ENGINES, skipUnless } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { PUBLIC_ARTICLES, startWpSite, stopWpSite, type WpSite } from './fixture.js';

const PASSWORD = 'correct horse battery staple';

for (const engine of ENGINES) {
  describe(`/wp-json/ status for signed-in staff (${engine})`, { skip: await skipUnless(engine) }, () => {
    let site: WpSite;
    const cookies = {} as Record<Role, string>;
    const ids: Record<string, number> = {};

    async function get(path: string, cookie?: string) {
      const response = await site.server.get(`/wp-json${path}`, cookie ? { headers: { cookie } } : {});
      return { response, body: (await response.json()) as any };
    }
    const titles = (body: Array<{ title: { rendered: string } }>) => body.map((post) => post.title.rendered).sort();
    const client = (role: Role) => new WPAPI({ endpoint: `${site.server.url}/wp-json` }).setHeaders('Cookie', cookies[role]);

    before(async () => {
      site = await startWpSite(engine);
      const context = { store: site.t.store, clock: testClock() };
      const people = {} as Record<Role, number>;
      for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
        const email = `${role}@news.example`;
        people[role] = (await createAccount(context, { email, name: `The ${role}`, role, password: PASSWORD })).id;
        const newsroom = new NewsroomClient(site.server);
        assert.equal((await newsroom.signIn(email, PASSWORD)).status, 201);
        cookies[role] = newsroom.cookie!;
      }
      const draft = (title: string, author: number, extra: Record<string, unknown> = {}) =>
        createPost(context, { status: 'draft', title, body: paragraphs(['Unfinished.']), authorIds: [author], ...extra });
      ids.contributorDraft = (await draft('Contributor draft', people.contributor)).id;
      ids.authorDraft = (await draft('Author draft', people.author)).id;
      ids.authorPending = (await draft('Author pending', people.author, { status: 'pending' })).id;
      ids.draftPage = (await draft('Draft page', people.editor, { kind: 'page' })).id;
    });
    after(() => stopWpSite(site));

    test('a reader who is not signed in asking for drafts gets WordPress’s refusal', async () => {
      // A cookie that is not percent-encoding (found by the fuzz suite: a 500) opens no session either.
      for (const cookie of [undefined, 'masthead_session=not-a-session', 'masthead_session=%E0%A4%A']) {
        const { response, body } = await get('/wp/v2/posts?status=draft', cookie);
        assert.equal(response.status, 400);
        assert.deepEqual(body, {
          code: 'rest_invalid_param',
          message: 'Invalid parameter(s): status',
          data: {
            status: 400,
            params: { status: 'Status is forbidden.' },
            details: { status: { code: 'rest_forbidden_status', message: 'Status is forbidden.', data: { status: 401 } } },
          },
        });
      }
      assert.equal((await get('/wp/v2/posts?status=publish')).response.status, 200);
    });

    test('an editor lists everyone’s drafts, privately', async () => {
      const { response, body } = await get('/wp/v2/posts?status=draft', cookies.editor);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'private, no-store');
      assert.deepEqual(titles(body), ['Author draft', 'Contributor draft']);
      assert.ok(body.every((post: { status: string }) => post.status === 'draft'));
    });

    test('statuses map to WordPress’s: pending, future, and several at once', async () => {
      assert.deepEqual(titles((await get('/wp/v2/posts?status=pending', cookies.administrator)).body), ['Author pending', 'Unpublished scoop']);
      const future = (await get('/wp/v2/posts?status=future', cookies.editor)).body;
      assert.deepEqual(future.map((post: { id: number; status: string }) => [post.id, post.status]), [[site.scheduledId, 'future']]);
      const { response } = await get('/wp/v2/posts?status=publish,draft&per_page=1', cookies.editor);
      assert.equal(response.headers.get('x-wp-total'), String(PUBLIC_ARTICLES + 2));
      assert.deepEqual((await get('/wp/v2/posts?status=private', cookies.editor)).body, []);
    });

    test('an author and a contributor see only their own unpublished posts', async () => {
      assert.deepEqual(titles((await get('/wp/v2/posts?status=draft,pending', cookies.author)).body), ['Author draft', 'Author pending']);
      assert.deepEqual(titles((await get('/wp/v2/posts?status=draft,pending', cookies.contributor)).body), ['Contributor draft']);
      const { response } = await get('/wp/v2/posts?status=publish,draft', cookies.contributor);
      assert.equal(response.headers.get('x-wp-total'), String(PUBLIC_ARTICLES + 1), 'every public post, and their own draft');
    });

    test('through the wpapi client with the session cookie', async () => {
      const drafts = await client('editor').posts().status(['draft', 'pending']);
      assert.deepEqual(titles(drafts as never), ['Author draft', 'Author pending', 'Contributor draft', 'Unpublished scoop']);
      assert.deepEqual(titles((await client('contributor').posts().status('draft')) as never), ['Contributor draft']);
      assert.deepEqual(titles((await client('editor').pages().status('draft')) as never), ['Draft page']);
    });

    test('a status WordPress does not know is named to staff', async () => {
      const { response, body } = await get('/wp/v2/posts?status=draft,bogus', cookies.editor);
      assert.equal(response.status, 400);
      assert.equal(body.code, 'rest_invalid_param');
      assert.equal(body.data.details.status.code, 'rest_not_in_enum');
      assert.match(body.data.params.status, /^status\[1\] is not one of publish, future, draft, pending, private, trash, any\.$/);
    });

    test('a status that is a property of every object ("constructor", "toString", "__proto__") is unknown like any other, not a 500', async () => {
      for (const status of ['constructor', 'toString', '__proto__']) {
        const { response, body } = await get(`/wp/v2/posts?status=draft,${status}`, cookies.editor);
        assert.equal(response.status, 400, status);
        assert.equal(body.code, 'rest_invalid_param', status);
        assert.match(body.data.params.status, /^status\[1\] is not one of /, status);
      }
    });

    test('one unpublished post by id, for those who may read it in the newsroom', async () => {
      const path = `/wp/v2/posts/${ids.contributorDraft}`;
      assert.equal((await get(path)).response.status, 404);
      assert.equal((await get(path, cookies.author)).response.status, 404, 'not the author’s own');
      for (const role of ['contributor', 'editor'] as const) {
        const { response, body } = await get(path, cookies[role]);
        assert.equal(response.status, 200, role);
        assert.equal(body.status, 'draft');
        assert.equal(body.date_gmt, null, 'a draft never given a date has none yet');
        assert.equal(response.headers.get('cache-control'), 'private, no-store');
      }
    });
  });
}
