import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { paragraphs } from '../../../src/content/body.js';
import { autosavePost, readAutosave } from '../../../src/operations/editorial/autosave.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import { approveAndPublish } from '../../../src/operations/editorial/workflow.js';
import { createDraft, createNewsroom, paths, refusal, type Newsroom } from './newsroom.js';

/** An editor's unsaved work is kept for them alone, and touches neither the post nor its history. */
for (const engine of ENGINES) {
  describe(`autosave (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    test('keeps the unsaved state without a revision and without changing what readers see', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      const published = await approveAndPublish(newsroom.as(editor), { id: draft.id, revision: draft.revision });
      const before = await t.store.posts.findPublishedBySlug(published.slug, published.publishedAt!);
      const unsaved = { title: 'Half-written headline', body: paragraphs(['Work in progress.']) };

      const kept = await autosavePost(newsroom.as(editor), { id: draft.id, revision: published.revision, ...unsaved });

      assert.deepEqual(kept.changes, unsaved);
      assert.equal(kept.isStale, false);
      const stored = await t.store.posts.findById(draft.id);
      assert.equal(stored?.title, published.title);
      assert.equal(stored?.revision, published.revision);
      assert.equal((await t.store.editorial.listRevisions(draft.id)).length, 2);
      const after = await t.store.posts.findPublishedBySlug(published.slug, published.publishedAt!);
      assert.equal(after?.articleHtml.toString(), before?.articleHtml.toString());
      const read = await readAutosave(newsroom.as(editor), { id: draft.id });
      assert.deepEqual(read?.changes, unsaved);
      assert.equal(read?.baseRevision, published.revision);
    });

    test('is each editor’s own, and the next one replaces it', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      await autosavePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, title: 'First try' });
      await autosavePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, title: 'Second try' });
      assert.equal((await readAutosave(newsroom.as(writer), { id: draft.id }))?.changes.title, 'Second try');
      assert.equal(await readAutosave(newsroom.as(editor), { id: draft.id }), null);
    });

    test('a real save by the same editor clears it; another editor’s is kept, marked stale', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      await autosavePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, title: 'Writer’s unsaved headline' });
      await autosavePost(newsroom.as(editor), { id: draft.id, revision: draft.revision, title: 'Editor’s unsaved headline' });

      await updatePost(newsroom.as(editor), { id: draft.id, revision: draft.revision, title: 'Editor’s saved headline' });

      assert.equal(await readAutosave(newsroom.as(editor), { id: draft.id }), null);
      const writers = await readAutosave(newsroom.as(writer), { id: draft.id });
      assert.equal(writers?.changes.title, 'Writer’s unsaved headline');
      assert.equal(writers?.isStale, true);
    });

    test('is checked like a save', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const error = await refusal(autosavePost(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision, body: [{ type: 'quote' }] }));
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(paths(error.issues), ['/body/0/style']);
      assert.equal(await readAutosave(newsroom.as(newsroom.writer), { id: draft.id }), null);
    });
  });
}
