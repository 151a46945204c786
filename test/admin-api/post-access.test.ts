import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';

const PASSWORD = 'a long enough passphrase';
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });

for (const engine of ENGINES) {
  describe(`a post's password and sticky flag in the newsroom API (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const as: Record<'contributor' | 'author' | 'editor', NewsroomClient> = {} as never;

    /** A published article by `owner` (published by the editor when the owner may not). */
    async function article(owner: 'contributor' | 'author' | 'editor', title: string): Promise<{ id: number; slug: string }> {
      const created = await as[owner].request('POST', '/posts', { title, body: [paragraph(`The words of ${title}.`)] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const approved = await as.editor.request('POST', `/posts/${created.body.post.id}/approve`, {});
      assert.equal(approved.body.post.status, 'published', JSON.stringify(approved.body));
      return approved.body.post;
    }

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      for (const role of ['contributor', 'author', 'editor'] as const) {
        await createAccount(context, { email: `${role}@news.example`, name: `The ${role}`, role, password: PASSWORD });
      }
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      for (const role of ['contributor', 'author', 'editor'] as const) {
        as[role] = new NewsroomClient(server);
        await as[role].signIn(`${role}@news.example`, PASSWORD);
      }
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('an editor protects a story with a password and makes it sticky; the site shows the form at once', async () => {
      const post = await article('editor', 'Members only');
      const answer = await as.editor.request('PUT', `/posts/${post.id}/access`, { password: 'inner circle', isSticky: true });
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.post.password, 'inner circle');
      assert.equal(answer.body.post.isSticky, true);
      const $ = cheerio.load(await (await server.get(`/${post.slug}/`)).text());
      assert.equal($('form.post-password-form').length, 1);
      assert.ok(!$('body').text().includes('The words of Members only'));
      assert.equal((await as.editor.request('GET', `/posts/${post.id}`)).body.post.password, 'inner circle', 'the editor loads it back');
    });

    test('an empty password opens the story again', async () => {
      const post = await article('editor', 'Open again');
      await as.editor.request('PUT', `/posts/${post.id}/access`, { password: 'x', isSticky: false });
      const answer = await as.editor.request('PUT', `/posts/${post.id}/access`, { password: '', isSticky: false });
      assert.equal(answer.body.post.password, null);
      assert.match(await (await server.get(`/${post.slug}/`)).text(), /The words of Open again/);
    });

    test('an author protects and sticks their own story, not someone else’s', async () => {
      const own = await article('author', 'Author’s own');
      assert.equal((await as.author.request('PUT', `/posts/${own.id}/access`, { password: 'pw', isSticky: true })).status, 200);
      const others = await article('editor', 'Editor’s story');
      assert.equal((await as.author.request('PUT', `/posts/${others.id}/access`, { password: 'pw', isSticky: false })).status, 403);
    });

    test('a contributor may protect their draft but not make a story sticky', async () => {
      const created = await as.contributor.request('POST', '/posts', { title: 'Contributor draft', body: [paragraph('Draft words.')] });
      const { id } = created.body.post;
      const protectedDraft = await as.contributor.request('PUT', `/posts/${id}/access`, { password: 'pw', isSticky: false });
      assert.equal(protectedDraft.status, 200, JSON.stringify(protectedDraft.body));
      const refused = await as.contributor.request('PUT', `/posts/${id}/access`, { password: 'pw', isSticky: true });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'FORBIDDEN');
      assert.equal((await t.store.posts.findById(id))!.isSticky, false, 'nothing changed');
    });

    test('refuses a page made sticky, a password over 255 characters, and a request without the CSRF token', async () => {
      const page = await as.editor.request('POST', '/posts', { title: 'About', kind: 'page', body: [paragraph('Us.')] });
      const sticky = await as.editor.request('PUT', `/posts/${page.body.post.id}/access`, { password: null, isSticky: true });
      assert.equal(sticky.status, 422);
      assert.deepEqual(sticky.body.error.issues, [{ path: '/isSticky', message: 'only articles can be sticky' }]);
      const post = await article('editor', 'Long password');
      const long = await as.editor.request('PUT', `/posts/${post.id}/access`, { password: 'x'.repeat(256), isSticky: false });
      assert.equal(long.status, 422);
      assert.equal(long.body.error.issues[0].path, '/password');
      const forged = await as.editor.request('PUT', `/posts/${post.id}/access`, { password: 'pw', isSticky: false }, { withCsrf: false });
      assert.equal(forged.status, 403);
      assert.equal((await t.store.posts.findById(post.id))!.password, null);
    });
  });
}
