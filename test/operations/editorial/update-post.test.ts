import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { paragraphs } from '../../../src/content/body.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import { SaveConflict } from '../../../src/operations/editorial/save-conflict.js';
import { approveAndPublish } from '../../../src/operations/editorial/workflow.js';
import { createDraft, createNewsroom, HOUR, paths, refusal, type Newsroom } from './newsroom.js';

/**
 * Saving over a post: checked like a new post, refused when someone saved
 * since the editor opened it (and then nothing is written and nothing is
 * lost), and everything stored beside the post kept in step.
 */
for (const engine of ENGINES) {
  describe(`updating a post (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    const now = () => newsroom.clock.now().toISOString();
    const tagCards = async (tagId: number) =>
      (await t.store.posts.listCards({ scope: { kind: 'tag', id: tagId }, now: now(), limit: 50 })).map((c) => c.id);
    const authorCards = async (userId: number) =>
      (await t.store.posts.listCards({ scope: { kind: 'author', id: userId }, now: now(), limit: 50 })).map((c) => c.id);

    test('saves the changes, moves to the next revision and keeps tags, authors and pictures in step', async () => {
      const { basics, writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      const published = await approveAndPublish(newsroom.as(editor), { id: draft.id, revision: draft.revision });
      assert.deepEqual(await tagCards(basics.tagId).then((ids) => ids.includes(draft.id)), true);

      newsroom.clock.advance(HOUR);
      const saved = await updatePost(newsroom.as(editor), {
        id: draft.id,
        revision: published.revision,
        title: 'Legend speaks out again',
        tagIds: [basics.personTagId],
        authorIds: [writer.id, basics.authorId],
        categoryId: basics.otherCategoryId,
      });

      assert.equal(saved.revision, published.revision + 1);
      assert.equal(saved.title, 'Legend speaks out again');
      assert.equal(saved.updatedAt, now());
      assert.equal(saved.publishedAt, published.publishedAt, 'a correction does not move the publication time');
      assert.deepEqual(saved.tagIds, [basics.personTagId]);
      assert.deepEqual(saved.authorIds, [writer.id, basics.authorId]);
      assert.ok(!(await tagCards(basics.tagId)).includes(draft.id), 'the old tag no longer lists it');
      assert.ok((await tagCards(basics.personTagId)).includes(draft.id), 'the new tag lists it');
      assert.ok((await authorCards(basics.authorId)).includes(draft.id), 'the added author lists it, with the publication time copied');
      const page = await t.store.posts.findPublishedBySlug(saved.slug, now());
      assert.ok(page);
      assert.equal(page.categoryName, 'Music');
      assert.equal(cheerio.load(page.articleHtml.toString())('h1').text(), 'Legend speaks out again');
    });

    test('refuses a stale save and keeps both versions', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer), { title: 'Two editors, one story' });
      newsroom.clock.advance(HOUR);
      const first = await updatePost(newsroom.as(editor), { id: draft.id, revision: draft.revision, title: 'The editor’s headline' });
      const savedAt = now();

      newsroom.clock.advance(HOUR);
      const mine = { title: 'The writer’s headline', body: paragraphs(['A whole new paragraph the writer wrote.']) };
      const error = await refusal(updatePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, ...mine }));

      assert.ok(error instanceof SaveConflict);
      assert.equal(error.code, 'CONFLICT');
      assert.match(error.message, /Eddie Editor/);
      assert.ok(error.message.includes(savedAt), 'says when');
      assert.deepEqual(paths(error.issues), ['/revision']);
      assert.deepEqual(error.stored, { revision: first.revision, action: 'save', savedAt, savedBy: { id: editor.id, slug: 'eddie', name: 'Eddie Editor' } });
      assert.deepEqual(error.refused, { revision: draft.revision, changes: mine }, 'the refused version comes back whole');
      const stored = await t.store.posts.findById(draft.id);
      assert.equal(stored?.title, 'The editor’s headline');
      assert.equal(stored?.revision, first.revision);
      assert.deepEqual(stored?.body, draft.body);
    });

    test('of two saves of the same revision at the same moment, exactly one goes through', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer), { title: 'A race' });
      const outcomes = await Promise.allSettled([
        updatePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, title: 'Writer wins' }),
        updatePost(newsroom.as(editor), { id: draft.id, revision: draft.revision, title: 'Editor wins' }),
      ]);
      const saved = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
      assert.equal(saved.length, 1);
      assert.equal(refused.length, 1);
      assert.ok(refused[0] instanceof SaveConflict);
      const stored = await t.store.posts.findById(draft.id);
      assert.equal(stored?.revision, draft.revision + 1);
      assert.equal((await t.store.editorial.listRevisions(draft.id)).length, 2);
    });

    test('checks references like a new post, and a refused save leaves the revision where it was', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const error = await refusal(
        updatePost(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision, tagIds: [newsroom.basics.tagId, 9999], categoryId: 8888 }),
      );
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(paths(error.issues), ['/tagIds/1', '/categoryId']);
      assert.equal((await t.store.posts.findById(draft.id))?.revision, draft.revision);
      // The next save from the same revision still goes through: the refused one claimed nothing.
      const saved = await updatePost(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision, excerpt: 'Fixed' });
      assert.equal(saved.revision, draft.revision + 1);
    });

    test('refuses unknown fields, a bad body block and a status change, naming each field', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const context = newsroom.as(newsroom.writer);
      const status = await refusal(updatePost(context, { id: draft.id, revision: draft.revision, status: 'published' }));
      assert.deepEqual(paths(status.issues), ['/status']);
      const body = await refusal(updatePost(context, { id: draft.id, revision: draft.revision, body: [{ type: 'image' }] }));
      assert.deepEqual(paths(body.issues), ['/body/0/media']);
      const ahead = await refusal(updatePost(context, { id: draft.id, revision: draft.revision + 5, title: 'x' }));
      assert.equal(ahead.code, 'VALIDATION_FAILED');
      assert.deepEqual(paths(ahead.issues), ['/revision']);
      const missing = await refusal(updatePost(context, { id: 999_999, revision: 1, title: 'x' }));
      assert.equal(missing.code, 'NOT_FOUND');
    });

    test('a new slug must be free; the one left behind is remembered for redirects', async () => {
      const context = newsroom.as(newsroom.editor);
      const other = await createDraft(newsroom, context, { title: 'Taken slug', slug: 'taken-slug' });
      const post = await createDraft(newsroom, context, { title: 'Moving post', slug: 'moving-post' });

      const taken = await refusal(updatePost(context, { id: post.id, revision: post.revision, slug: other.slug }));
      assert.equal(taken.code, 'CONFLICT');
      assert.deepEqual(paths(taken.issues), ['/slug']);

      const moved = await updatePost(context, { id: post.id, revision: post.revision, slug: 'moved-post' });
      assert.equal(moved.slug, 'moved-post');
      assert.deepEqual(await t.store.editorial.oldSlugs(post.id), ['moving-post']);
      assert.equal(await t.store.editorial.findPostIdByOldSlug('moving-post'), post.id);
      assert.equal(await t.store.posts.slugExists('moving-post'), false, 'the old slug is free for another post');

      newsroom.clock.advance(HOUR);
      await updatePost(context, { id: post.id, revision: moved.revision, slug: 'moving-post' });
      assert.deepEqual(await t.store.editorial.oldSlugs(post.id), ['moved-post'], 'taking a slug back forgets it as old');
    });
  });
}
