import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createCategory } from '../../src/operations/create-terms.js';

const PASSWORD = 'a long enough passphrase';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });

for (const engine of ENGINES) {
  describe(`posts in the newsroom API (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let categoryId: number;
    const as: Record<'contributor' | 'author' | 'editor', NewsroomClient> = {} as never;

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      for (const role of ['contributor', 'author', 'editor'] as const) {
        await createAccount(context, { email: `${role}@news.example`, name: `The ${role}`, role, password: PASSWORD });
      }
      categoryId = (await createCategory(context, { name: 'Showbiz' })).id;
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

    test('a contributor writes and submits; cannot publish; an editor sends it back, then approves and publishes it', async () => {
      const created = await as.contributor.request('POST', '/posts', { title: 'Legend speaks', categoryId, body: [paragraph('First words.')] });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const { id, revision } = created.body.post;
      assert.equal(created.body.post.status, 'draft');

      const saved = await as.contributor.request('PUT', `/posts/${id}`, { revision, body: [paragraph('First words, and more.')] });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      assert.equal((await as.contributor.request('POST', `/posts/${id}/submit`, {})).body.post.status, 'pending');

      const publish = await as.contributor.request('POST', `/posts/${id}/approve`, {});
      assert.equal(publish.status, 403);
      assert.equal((await as.editor.request('GET', `/posts/${id}`)).body.post.status, 'pending', 'nothing changed');

      const list = await as.editor.request('GET', '/posts?status=pending');
      assert.deepEqual(list.body.items.map((p: { id: number }) => p.id), [id]);

      const back = await as.editor.request('POST', `/posts/${id}/send-back`, { note: 'Needs a source for the quote' });
      assert.equal(back.body.post.status, 'draft');
      const reopened = await as.contributor.request('GET', `/posts/${id}`);
      assert.equal(reopened.body.reviewNote.note, 'Needs a source for the quote');
      await as.contributor.request('POST', `/posts/${id}/submit`, {});

      const approved = await as.editor.request('POST', `/posts/${id}/approve`, {});
      assert.equal(approved.status, 200, JSON.stringify(approved.body));
      assert.equal(approved.body.post.status, 'published');
      const page = await server.get(`/${approved.body.post.slug}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /First words, and more\./);
      const edit = await as.contributor.request('PUT', `/posts/${id}`, { revision: approved.body.post.revision, title: 'Changed after publication' });
      assert.equal(edit.status, 403, 'a contributor cannot edit a published post');
    });

    test('a stale save is refused with who and when, and both versions survive', async () => {
      const created = await as.author.request('POST', '/posts', { title: 'Two editors', body: [paragraph('Original.')] });
      const { id, revision } = created.body.post;
      const first = await as.editor.request('PUT', `/posts/${id}`, { revision, body: [paragraph("The editor's version.")] });
      assert.equal(first.status, 200);
      const stale = await as.author.request('PUT', `/posts/${id}`, { revision, body: [paragraph("The author's version.")] });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error.code, 'CONFLICT');
      assert.match(stale.body.error.message, /The editor saved this post/);
      assert.equal(stale.body.error.current.revision, revision + 1);
      assert.equal(stale.body.error.current.savedBy.name, 'The editor');
      assert.deepEqual(stale.body.error.refused.changes.body, [paragraph("The author's version.")], 'the refused text comes back whole');
      const stored = await as.author.request('GET', `/posts/${id}`);
      assert.deepEqual(stored.body.post.body, [paragraph("The editor's version.")]);
    });

    test('pictures need alt text before publishing; revisions diff and restore; previews are private', async () => {
      const upload = new FormData();
      upload.append('file', new Blob([new Uint8Array(PHOTO)]), 'photo.jpg');
      const media = (await as.author.upload('/media', upload)).body.media;
      await as.author.request('PATCH', `/media/${media.id}`, { alt: '' });
      const created = await as.author.request('POST', '/posts', { title: 'With a picture', body: [paragraph('Look.'), { type: 'image', media: media.id }] });
      const { id } = created.body.post;
      const refused = await as.author.request('POST', `/posts/${id}/approve`, {});
      assert.equal(refused.status, 422);
      assert.equal(refused.body.error.issues[0].path, '/body/1/media');
      await as.author.request('PATCH', `/media/${media.id}`, { alt: 'A singer on the steps' });
      const edited = await as.author.request('PUT', `/posts/${id}`, { revision: created.body.post.revision, title: 'With a better picture' });
      const revisions = await as.author.request('GET', `/posts/${id}/revisions`);
      assert.ok(revisions.body.items.length >= 2);
      const diff = await as.author.request('GET', `/posts/${id}/revisions/1/diff`);
      assert.match(JSON.stringify(diff.body), /better/);
      const restored = await as.author.request('POST', `/posts/${id}/revisions/1/restore`, { revision: edited.body.post.revision });
      assert.equal(restored.body.post.title, 'With a picture');

      const preview = await as.author.request('POST', `/posts/${id}/preview`);
      assert.equal(preview.status, 201);
      const link = new URL(preview.body.url);
      const page = await server.get(link.pathname);
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('x-robots-tag'), 'noindex, nofollow');
      assert.equal(cheerio.load(await page.text())('h1').text(), 'With a picture');
      assert.equal((await server.get(`/${restored.body.post.slug}/`)).status, 404, 'the draft itself is not public');
      assert.equal((await server.get('/preview/not-a-real-token-at-all-aaaaaaaaaaaaaaaaa')).status, 404);
    });

    test('a changed slug of a published post answers 301 from the old one', async () => {
      const created = await as.author.request('POST', '/posts', { title: 'Old name', body: [paragraph('Text.')] });
      const published = await as.author.request('POST', `/posts/${created.body.post.id}/approve`, {});
      assert.equal(published.body.post.slug, 'old-name');
      await as.author.request('PUT', `/posts/${created.body.post.id}`, { revision: published.body.post.revision, slug: 'new-name' });
      const old = await server.get('/old-name/');
      assert.equal(old.status, 301);
      assert.equal(old.headers.get('location'), '/new-name/');
    });
  });
}
