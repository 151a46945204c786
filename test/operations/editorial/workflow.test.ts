import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import {
  approveAndPublish,
  readReviewNote,
  schedule,
  sendBack,
  submitForReview,
  unpublish,
} from '../../../src/operations/editorial/workflow.js';
import { createDraft, createNewsroom, createPicture, DAY, HOUR, paths, refusal, type Newsroom } from './newsroom.js';

/** WordPress's review workflow: who may do what is the API's concern; what may follow what is checked here. */
for (const engine of ENGINES) {
  describe(`the review workflow (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    const now = () => newsroom.clock.now().toISOString();
    const isOnSite = async (slug: string) => (await t.store.posts.findPublishedBySlug(slug, now())) !== undefined;
    const isInTagArchive = async (id: number) =>
      (await t.store.posts.listCards({ scope: { kind: 'tag', id: newsroom.basics.tagId }, now: now(), limit: 100 })).some((c) => c.id === id);

    test('a draft is submitted, then published now, and reaches the site and its archives', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      const pending = await submitForReview(newsroom.as(writer), { id: draft.id, revision: draft.revision });
      assert.equal(pending.status, 'pending');
      assert.equal(await isOnSite(draft.slug), false);

      newsroom.clock.advance(HOUR);
      const published = await approveAndPublish(newsroom.as(editor), { id: draft.id, revision: pending.revision });
      assert.equal(published.status, 'published');
      assert.equal(published.publishedAt, now());
      assert.equal(await isOnSite(draft.slug), true);
      assert.equal(await isInTagArchive(draft.id), true);
      const history = await t.store.editorial.listRevisions(draft.id);
      assert.deepEqual(
        history.map((r) => [r.action, r.status, r.savedBy?.name]),
        [
          ['publish', 'published', 'Eddie Editor'],
          ['submit', 'pending', 'Wanda Writer'],
          ['create', 'draft', 'Wanda Writer'],
        ],
      );
    });

    test('approving with a time still to come schedules instead', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const at = new Date(newsroom.clock.now().getTime() + DAY).toISOString();
      const scheduled = await approveAndPublish(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision, publishedAt: at });
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.publishedAt, at);
      assert.equal(await isOnSite(draft.slug), false);
      assert.equal(await isInTagArchive(draft.id), false);
    });

    test('sending back returns a pending post to draft with the editor’s note, until it is submitted again', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      const pending = await submitForReview(newsroom.as(writer), { id: draft.id, revision: draft.revision });
      const returned = await sendBack(newsroom.as(editor), { id: draft.id, revision: pending.revision, note: '  Please name the source of the quote.  ' });
      assert.equal(returned.status, 'draft');
      const note = await readReviewNote(newsroom.as(writer), { id: draft.id });
      assert.equal(note?.note, 'Please name the source of the quote.');
      assert.equal(note?.by?.name, 'Eddie Editor');

      const fixed = await updatePost(newsroom.as(writer), { id: draft.id, revision: returned.revision, excerpt: 'Now with a source' });
      assert.equal((await readReviewNote(newsroom.as(writer), { id: draft.id }))?.note, 'Please name the source of the quote.', 'a save does not hide it');
      await submitForReview(newsroom.as(writer), { id: draft.id, revision: fixed.revision });
      assert.equal(await readReviewNote(newsroom.as(writer), { id: draft.id }), null);
    });

    test('a blank note is refused', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const pending = await submitForReview(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision });
      const error = await refusal(sendBack(newsroom.as(newsroom.editor), { id: draft.id, revision: pending.revision, note: '   ' }));
      assert.deepEqual(paths(error.issues), ['/note']);
    });

    test('steps that do not start from the post’s status are refused, and nothing changes', async () => {
      const { writer, editor } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer));
      const published = await approveAndPublish(newsroom.as(editor), { id: draft.id, revision: draft.revision });
      const refusals = [
        await refusal(sendBack(newsroom.as(editor), { id: draft.id, revision: published.revision, note: 'Too late' })),
        await refusal(submitForReview(newsroom.as(writer), { id: draft.id, revision: published.revision })),
        await refusal(approveAndPublish(newsroom.as(editor), { id: draft.id, revision: published.revision })),
        await refusal(schedule(newsroom.as(editor), { id: draft.id, revision: published.revision, publishedAt: new Date(newsroom.clock.now().getTime() + DAY).toISOString() })),
      ];
      for (const error of refusals) {
        assert.equal(error.code, 'CONFLICT');
        assert.deepEqual(paths(error.issues), ['/status']);
      }
      assert.match(refusals[0]!.message, /published.*pending/);
      const stored = await t.store.posts.findById(draft.id);
      assert.equal(stored?.status, 'published');
      assert.equal(stored?.revision, published.revision);

      const other = await createDraft(newsroom, newsroom.as(writer));
      const unpublishDraft = await refusal(unpublish(newsroom.as(editor), { id: other.id, revision: other.revision }));
      assert.equal(unpublishDraft.code, 'CONFLICT');
    });

    test('unpublishing takes a post off the site and out of its archives', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const published = await approveAndPublish(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision });
      assert.equal(await isInTagArchive(draft.id), true);
      const back = await unpublish(newsroom.as(newsroom.editor), { id: draft.id, revision: published.revision });
      assert.equal(back.status, 'draft');
      assert.equal(await isOnSite(draft.slug), false);
      assert.equal(await isInTagArchive(draft.id), false);
    });

    test('scheduling needs a time still to come', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const past = await refusal(schedule(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision, publishedAt: new Date(newsroom.clock.now().getTime() - HOUR).toISOString() }));
      assert.equal(past.code, 'VALIDATION_FAILED');
      assert.deepEqual(paths(past.issues), ['/publishedAt']);
      const missing = await refusal(schedule(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision }));
      assert.deepEqual(paths(missing.issues), ['/publishedAt']);
      const at = new Date(newsroom.clock.now().getTime() + HOUR).toISOString();
      const scheduled = await schedule(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision, publishedAt: at });
      assert.equal(scheduled.status, 'scheduled');
      assert.equal(scheduled.publishedAt, at);
    });

    test('publishing or scheduling without alt text is refused, naming each picture', async () => {
      const { writer, editor } = newsroom;
      const bare = await createPicture(t.store, { alt: '' });
      const blank = await createPicture(t.store, { alt: '   ' });
      const described = await createPicture(t.store, { alt: 'John Legend on stage' });
      const body = [
        { type: 'paragraph', content: [{ text: 'Intro.' }] },
        { type: 'image', media: blank.id },
        { type: 'image', media: described.id },
        { type: 'image', media: bare.id, caption: 'A caption is not alt text' },
      ];
      const draft = await createDraft(newsroom, newsroom.as(writer), { featuredMediaId: bare.id, body });
      const expected = [
        { path: '/featuredMediaId', message: 'the picture needs alt text before publishing' },
        { path: '/body/1/media', message: 'the picture needs alt text before publishing' },
        { path: '/body/3/media', message: 'the picture needs alt text before publishing' },
      ];

      const publishing = await refusal(approveAndPublish(newsroom.as(editor), { id: draft.id, revision: draft.revision }));
      assert.equal(publishing.code, 'VALIDATION_FAILED');
      assert.deepEqual(publishing.issues, expected);
      const scheduling = await refusal(
        schedule(newsroom.as(editor), { id: draft.id, revision: draft.revision, publishedAt: new Date(newsroom.clock.now().getTime() + DAY).toISOString() }),
      );
      assert.deepEqual(scheduling.issues, expected);
      const stored = await t.store.posts.findById(draft.id);
      assert.equal(stored?.status, 'draft');
      assert.equal(stored?.revision, draft.revision);

      // Described, it goes out; adding a bare picture to the published post is then refused the same way.
      const fixed = await updatePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, featuredMediaId: described.id, body: body.slice(0, 3).map((b) => (b.type === 'image' ? { ...b, media: described.id } : b)) });
      const published = await approveAndPublish(newsroom.as(editor), { id: draft.id, revision: fixed.revision });
      assert.equal(published.status, 'published');
      const adding = await refusal(updatePost(newsroom.as(writer), { id: draft.id, revision: published.revision, body: [...published.body, { type: 'image', media: bare.id }] }));
      assert.deepEqual(paths(adding.issues), ['/body/3/media']);
    });
  });
}
