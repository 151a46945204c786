import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';

/**
 * What is somebody else's in the newsroom: pictures are edited by whoever
 * uploaded them or by editors; contributors and authors list only their own
 * unpublished posts; restoring a revision brings back words, not bylines, for
 * those who may not put others' names on a post.
 */

const PASSWORD = 'a long enough passphrase';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });
const PEOPLE = ['owner', 'editor', 'author', 'otherAuthor', 'contributor'] as const;
type Person = (typeof PEOPLE)[number];
const ROLE_OF = { owner: 'administrator', editor: 'editor', author: 'author', otherAuthor: 'author', contributor: 'contributor' } as const;

for (const engine of ENGINES) {
  describe(`what belongs to someone else in the newsroom (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const as = {} as Record<Person, NewsroomClient>;
    const ids = {} as Record<Person, number>;

    /** The rows a refused picture edit might have touched, comparable as one string. */
    async function mediaAndPosts(): Promise<string> {
      const db = t.store.dialect.db;
      const media = await db.selectFrom('media').selectAll().orderBy('id').execute();
      const posts = await db.selectFrom('posts').selectAll().orderBy('id').execute();
      return JSON.stringify([media, posts]);
    }

    async function upload(person: Person, alt: string): Promise<number> {
      const form = new FormData();
      form.append('alt', alt);
      form.append('file', new Blob([new Uint8Array(PHOTO)]), 'photo.jpg');
      const answer = await as[person].upload('/media', form);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.media.id;
    }

    async function draft(person: Person, fields: Record<string, unknown>): Promise<{ id: number; revision: number }> {
      const answer = await as[person].request('POST', '/posts', { body: [paragraph('Words.')], ...fields });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      return answer.body.post;
    }

    /** Written by `person`, moved along by the owner. */
    async function post(person: Person, title: string, status: 'draft' | 'pending' | 'scheduled' | 'published', fields: Record<string, unknown> = {}): Promise<number> {
      const { id } = await draft(person, { title, ...fields });
      if (status === 'pending') assert.equal((await as.owner.request('POST', `/posts/${id}/submit`, {})).status, 200);
      if (status === 'scheduled') assert.equal((await as.owner.request('POST', `/posts/${id}/schedule`, { publishedAt: '2030-01-01T09:00:00Z' })).status, 200);
      if (status === 'published') assert.equal((await as.owner.request('POST', `/posts/${id}/approve`, {})).status, 200);
      return id;
    }

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      for (const person of PEOPLE) {
        ids[person] = (await createAccount(context, { email: `${person}@news.example`, name: `The ${person}`, role: ROLE_OF[person], password: PASSWORD })).id;
      }
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      for (const person of PEOPLE) {
        as[person] = new NewsroomClient(server);
        assert.equal((await as[person].signIn(`${person}@news.example`, PASSWORD)).status, 201);
      }
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    describe('pictures', () => {
      test("an author cannot edit the details of someone else's picture shown in a published story: 403, nothing changes, nothing is rendered again", async () => {
        const mediaId = await upload('owner', 'The mayor at the podium');
        const postId = await post('owner', 'Council votes', 'published', { featuredMediaId: mediaId, body: [paragraph('Words.'), { type: 'image', media: mediaId, caption: '' }] });
        const before = await mediaAndPosts();
        const answer = await as.author.request('PATCH', `/media/${mediaId}`, { alt: 'Defaced', credit: 'Vandal' });
        assert.equal(answer.status, 403, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, 'FORBIDDEN');
        assert.equal(await mediaAndPosts(), before, 'the picture and the story are as they were');
        const story = await as.owner.request('GET', `/posts/${postId}`);
        assert.equal(story.body.media[0].alt, 'The mayor at the podium');
      });

      test('an author edits the details of a picture they uploaded', async () => {
        const mediaId = await upload('author', 'First words');
        const answer = await as.author.request('PATCH', `/media/${mediaId}`, { alt: 'Better words' });
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.equal(answer.body.media.alt, 'Better words');
        assert.equal(answer.body.media.uploadedBy, ids.author, 'the newsroom app offers the form by it');
      });

      test("another author's picture is refused too; an editor and an administrator edit anyone's", async () => {
        const mediaId = await upload('author', 'By the author');
        assert.equal((await as.otherAuthor.request('PATCH', `/media/${mediaId}`, { alt: 'Taken over' })).status, 403);
        assert.equal((await as.editor.request('PATCH', `/media/${mediaId}`, { alt: 'Edited by the desk' })).status, 200);
        const byOwner = await as.owner.request('PATCH', `/media/${mediaId}`, { caption: 'Captioned' });
        assert.equal(byOwner.status, 200);
        assert.equal(byOwner.body.media.alt, 'Edited by the desk');
      });

      test('a picture with no uploader (imported, demo) is the editors’', async () => {
        const mediaId = await upload('author', 'Was mine');
        await t.store.dialect.db.updateTable('media').set({ uploaded_by: null }).where('id', '=', mediaId).execute();
        const before = await mediaAndPosts();
        assert.equal((await as.author.request('PATCH', `/media/${mediaId}`, { alt: 'Still mine?' })).status, 403);
        assert.equal(await mediaAndPosts(), before);
        assert.equal((await as.editor.request('PATCH', `/media/${mediaId}`, { alt: 'The desk’s now' })).status, 200);
      });

      test('where a picture is used names, to a contributor or an author, only the posts they may open and published ones', async () => {
        const mediaId = await upload('owner', 'Shared picture');
        const secret = await post('editor', 'Usage secret draft', 'draft', { featuredMediaId: mediaId });
        const pending = await post('editor', 'Usage secret pending', 'pending', { featuredMediaId: mediaId });
        const shown = await post('editor', 'Usage public story', 'published', { featuredMediaId: mediaId });
        const mine = await post('contributor', 'Usage contributor draft', 'draft', { featuredMediaId: mediaId });
        const used = async (person: Person) => {
          const answer = await as[person].request('GET', `/media/${mediaId}/usage`);
          assert.equal(answer.status, 200, JSON.stringify(answer.body));
          return (answer.body.items as Array<{ id: number }>).map((item) => item.id).sort((a, b) => a - b);
        };
        assert.deepEqual(await used('contributor'), [shown, mine].sort((a, b) => a - b));
        assert.deepEqual(await used('author'), [shown]);
        assert.deepEqual(await used('editor'), [secret, pending, shown, mine].sort((a, b) => a - b));
      });

      test('an unknown picture is 404 for an author, not a 403 that says it exists', async () => {
        const answer = await as.author.request('PATCH', '/media/999999', { alt: 'x' });
        assert.equal(answer.status, 404, JSON.stringify(answer.body));
      });
    });

    describe('the post list', () => {
      const titles = (answer: { body: { items: Array<{ title: string }> } }) => answer.body.items.map((item) => item.title).sort();
      let isListed = false;

      // One set of posts for every list test, each title unique to this describe.
      async function listed(): Promise<void> {
        if (isListed) return;
        isListed = true;
        await post('editor', 'Zebra secret draft', 'draft');
        await post('editor', 'Zebra secret pending', 'pending');
        await post('editor', 'Zebra secret scheduled', 'scheduled');
        await post('editor', 'Zebra public story', 'published');
        await post('author', 'Zebra author draft', 'draft');
        await post('contributor', 'Zebra contributor draft', 'draft');
        await post('contributor', 'Zebra contributor pending', 'pending');
        await post('contributor', 'Zebra contributor published', 'published');
        // A draft the contributor shares with an editor is theirs too.
        const shared = await draft('editor', { title: 'Zebra shared draft', authorIds: [ids.editor, ids.contributor] });
        assert.ok(shared.id);
      }

      test('a contributor lists their own posts in every status, and only the published ones of others', async () => {
        await listed();
        const answer = await as.contributor.request('GET', '/posts?text=zebra&perPage=100');
        assert.equal(answer.status, 200, JSON.stringify(answer.body));
        assert.deepEqual(titles(answer), [
          'Zebra contributor draft',
          'Zebra contributor pending',
          'Zebra contributor published',
          'Zebra public story',
          'Zebra shared draft',
        ]);
        assert.equal(answer.body.total, 5, 'the count leaves others’ unpublished posts out too');
      });

      test('asking for drafts, by status, author or words, shows a contributor none of anyone else’s', async () => {
        await listed();
        const drafts = await as.contributor.request('GET', '/posts?status=draft&text=zebra&perPage=100');
        assert.deepEqual(titles(drafts), ['Zebra contributor draft', 'Zebra shared draft']);
        assert.equal(drafts.body.total, 2);
        for (const query of [`status=draft&authorId=${ids.editor}&text=secret`, 'text=secret', 'status=scheduled', `authorId=${ids.author}`]) {
          const answer = await as.contributor.request('GET', `/posts?${query}`);
          assert.equal(answer.status, 200);
          assert.deepEqual(titles(answer), [], query);
          assert.equal(answer.body.total, 0, query);
        }
      });

      test('an author is held to the same rule', async () => {
        await listed();
        const answer = await as.author.request('GET', '/posts?text=zebra&perPage=100');
        assert.deepEqual(titles(answer), ['Zebra author draft', 'Zebra contributor published', 'Zebra public story']);
        assert.equal(answer.body.total, 3);
      });

      test('an editor lists everyone’s posts', async () => {
        await listed();
        const answer = await as.editor.request('GET', '/posts?text=zebra&perPage=100');
        assert.equal(answer.body.total, 9);
        const drafts = await as.editor.request('GET', '/posts?status=draft&text=zebra');
        assert.deepEqual(titles(drafts), ['Zebra author draft', 'Zebra contributor draft', 'Zebra secret draft', 'Zebra shared draft']);
      });
    });

    describe('pages', () => {
      const pageCount = async () => (await t.store.dialect.db.selectFrom('posts').select('id').where('kind', '=', 'page').execute()).length;

      test('pages (About, Contact: the site’s own addresses) are written by editors and administrators, as in WordPress', async () => {
        for (const person of ['contributor', 'author'] as const) {
          const before = await pageCount();
          const answer = await as[person].request('POST', '/posts', { title: `Our ${person} page`, kind: 'page', body: [paragraph('Us.')] });
          assert.equal(answer.status, 403, `${person}: ${JSON.stringify(answer.body)}`);
          assert.equal(answer.body.error.code, 'FORBIDDEN');
          assert.equal(answer.body.error.issues[0].path, '/kind');
          assert.equal(await pageCount(), before, `${person}: no page was made`);
        }
        assert.equal((await as.editor.request('POST', '/posts', { title: 'About us', kind: 'page', body: [paragraph('Us.')] })).status, 201);
      });

      test('an author cannot turn their article into a page', async () => {
        const article = await draft('author', { title: 'Soon a page?' });
        const before = await pageCount();
        const answer = await as.author.request('PUT', `/posts/${article.id}`, { revision: article.revision, kind: 'page' });
        assert.equal(answer.status, 403, JSON.stringify(answer.body));
        assert.equal(await pageCount(), before);
        assert.equal((await as.author.request('PUT', `/posts/${article.id}`, { revision: article.revision, kind: 'article', title: 'Still an article' })).status, 200);
      });

      test('an author named on an editor’s page cannot edit, preview or publish it', async () => {
        const page = await draft('editor', { title: 'Contact', kind: 'page', authorIds: [ids.editor, ids.author] });
        const before = await mediaAndPosts();
        assert.equal((await as.author.request('PUT', `/posts/${page.id}`, { revision: page.revision, title: 'Hijacked' })).status, 403);
        assert.equal((await as.author.request('POST', `/posts/${page.id}/approve`, {})).status, 403);
        assert.equal((await as.author.request('POST', `/posts/${page.id}/preview`)).status, 403);
        assert.equal(await mediaAndPosts(), before);
        const list = await as.author.request('GET', '/posts?text=contact');
        assert.deepEqual(list.body.items, [], 'nor list it while it is unpublished: they could not open it');
        assert.equal(list.body.total, 0);
      });
    });

    describe('tags', () => {
      const tagCount = async () => (await t.store.dialect.db.selectFrom('tags').select('id').execute()).length;

      test('a writer creates a tag with its name and kind, but its description and picture (shown on its public page at once) are an editor’s', async () => {
        const mediaId = await upload('author', 'A face');
        for (const person of ['contributor', 'author'] as const) {
          for (const [field, value] of [['description', 'Words on the public tag page'], ['imageMediaId', mediaId]] as const) {
            const before = await tagCount();
            const answer = await as[person].request('POST', '/tags', { name: `Someone ${person} ${field}`, kind: 'person', [field]: value });
            assert.equal(answer.status, 403, `${person} ${field}: ${JSON.stringify(answer.body)}`);
            assert.equal(answer.body.error.issues[0].path, `/${field}`);
            assert.equal(await tagCount(), before, `${person} ${field}: no tag was made`);
          }
          const plain = await as[person].request('POST', '/tags', { name: `Someone plain ${person}`, kind: 'person', description: '', imageMediaId: null });
          assert.equal(plain.status, 201, JSON.stringify(plain.body));
        }
        const described = await as.editor.request('POST', '/tags', { name: 'Described by the desk', description: 'A profile', imageMediaId: mediaId });
        assert.equal(described.status, 201, JSON.stringify(described.body));
      });
    });

    describe('autosaves', () => {
      test('an autosave is its writer’s alone: a co-author opening the post does not get an editor’s unsaved words', async () => {
        const shared = await draft('editor', { title: 'Shared story', authorIds: [ids.editor, ids.author] });
        const kept = await as.editor.request('PUT', `/posts/${shared.id}/autosave`, { revision: shared.revision, title: 'Editor’s unsaved headline' });
        assert.equal(kept.status, 200, JSON.stringify(kept.body));
        const opened = await as.author.request('GET', `/posts/${shared.id}`);
        assert.equal(opened.status, 200);
        assert.equal(opened.body.autosave, null);
        assert.equal((await as.editor.request('GET', `/posts/${shared.id}`)).body.autosave.changes.title, 'Editor’s unsaved headline');
      });
    });

    describe('revisions', () => {
      test('a co-author who may not edit others’ posts restores the words of an old revision, not its bylines', async () => {
        const created = await draft('editor', { title: 'Version one', authorIds: [ids.editor] });
        const shared = await as.editor.request('PUT', `/posts/${created.id}`, { revision: created.revision, title: 'Version two', authorIds: [ids.editor, ids.author] });
        assert.equal(shared.status, 200, JSON.stringify(shared.body));
        const restored = await as.author.request('POST', `/posts/${created.id}/revisions/${created.revision}/restore`, {});
        assert.equal(restored.status, 200, JSON.stringify(restored.body));
        assert.equal(restored.body.post.title, 'Version one');
        assert.deepEqual(restored.body.post.authorIds, [ids.editor, ids.author], 'the author did not take themselves off the post');
      });

      test('a contributor restoring an old revision does not put back names taken off since', async () => {
        const created = await draft('editor', { title: 'Draft A', authorIds: [ids.editor, ids.contributor] });
        const moved = await as.editor.request('PUT', `/posts/${created.id}`, { revision: created.revision, title: 'Draft B', authorIds: [ids.contributor] });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        const restored = await as.contributor.request('POST', `/posts/${created.id}/revisions/${created.revision}/restore`, {});
        assert.equal(restored.status, 200, JSON.stringify(restored.body));
        assert.equal(restored.body.post.title, 'Draft A');
        assert.deepEqual(restored.body.post.authorIds, [ids.contributor], 'the editor’s name is not put back by a contributor');
      });

      test('an author restoring a revision from when the post was a page keeps it an article', async () => {
        const created = await draft('editor', { title: 'Was a page', kind: 'page', authorIds: [ids.editor, ids.author] });
        const moved = await as.editor.request('PUT', `/posts/${created.id}`, { revision: created.revision, title: 'Now an article', kind: 'article' });
        assert.equal(moved.status, 200, JSON.stringify(moved.body));
        const restored = await as.author.request('POST', `/posts/${created.id}/revisions/${created.revision}/restore`, {});
        assert.equal(restored.status, 200, JSON.stringify(restored.body));
        assert.equal(restored.body.post.title, 'Was a page');
        assert.equal(restored.body.post.kind, 'article');
      });

      test('an editor restores bylines with the words', async () => {
        const created = await draft('editor', { title: 'Byline one', authorIds: [ids.editor] });
        const shared = await as.editor.request('PUT', `/posts/${created.id}`, { revision: created.revision, title: 'Byline two', authorIds: [ids.editor, ids.author] });
        assert.equal(shared.status, 200);
        const restored = await as.editor.request('POST', `/posts/${created.id}/revisions/${created.revision}/restore`, {});
        assert.deepEqual(restored.body.post.authorIds, [ids.editor]);
      });
    });
  });
}
