import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { paragraphs } from '../../../src/content/body.js';
import type { Post } from '../../../src/content/types.js';
import { listPostsForNewsroom } from '../../../src/operations/editorial/newsroom-list.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import { approveAndPublish, submitForReview } from '../../../src/operations/editorial/workflow.js';
import { newsroomPageQuery } from '../../../src/store/queries/editorial.js';
import { createDraft, createNewsroom, HOUR, paths, refusal, type Newsroom } from './newsroom.js';

/** The newsroom's own list: every status, newest updated first, filtered and paged. */
for (const engine of ENGINES) {
  describe(`the newsroom's post list (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;
    let posts: Record<'draft' | 'pending' | 'published' | 'trashed' | 'edited', Post>;

    // One set of posts, each updated an hour after the one before, read by every test.
    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
      const { writer, editor, basics } = newsroom;
      const step = () => newsroom.clock.advance(HOUR);
      const draft = await createDraft(newsroom, newsroom.as(writer), { title: 'A draft about the Grammys' });
      step();
      const pendingDraft = await createDraft(newsroom, newsroom.as(writer), { title: 'Waiting for review', tagIds: [basics.personTagId] });
      const pending = await submitForReview(newsroom.as(writer), { id: pendingDraft.id, revision: pendingDraft.revision });
      step();
      const toPublish = await createDraft(newsroom, newsroom.as(editor), {
        title: 'Published story',
        authorIds: [editor.id],
        categoryId: basics.otherCategoryId,
        body: paragraphs(['Kanye and the saxophone.']),
      });
      const published = await approveAndPublish(newsroom.as(editor), { id: toPublish.id, revision: toPublish.revision });
      step();
      const trashed = await createDraft(newsroom, newsroom.as(writer), { title: 'Binned', status: 'trashed' });
      step();
      const edited = await updatePost(newsroom.as(writer), { id: draft.id, revision: draft.revision, excerpt: 'Touched last' });
      posts = { draft, pending, published, trashed, edited };
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
    });
    after(() => t?.cleanup());

    const list = (input: Record<string, unknown>) => listPostsForNewsroom(newsroom.as(newsroom.editor), input);
    const ids = (page: { items: Array<{ id: number }> }) => page.items.map((i) => i.id);

    test('lists every status but trashed, the latest updated first', async () => {
      const page = await list({});
      assert.deepEqual(ids(page), [posts.edited.id, posts.published.id, posts.pending.id]);
      assert.equal(page.total, 3);
      assert.deepEqual(page.items[1], {
        id: posts.published.id,
        kind: 'article',
        title: 'Published story',
        slug: posts.published.slug,
        status: 'published',
        authors: [{ id: newsroom.editor.id, slug: 'eddie', name: 'Eddie Editor' }],
        category: { id: newsroom.basics.otherCategoryId, slug: 'music', name: 'Music' },
        updatedAt: posts.published.updatedAt,
        publishedAt: posts.published.publishedAt,
        revision: posts.published.revision,
      });
      assert.equal(page.items[0]!.publishedAt, null, 'a draft has no publication time');
    });

    test('filters by status, the trash included when asked', async () => {
      assert.deepEqual(ids(await list({ status: 'trashed' })), [posts.trashed.id]);
      assert.deepEqual(ids(await list({ status: 'pending' })), [posts.pending.id]);
    });

    test('filters by author, section, tag and words', async () => {
      assert.deepEqual(ids(await list({ authorId: newsroom.editor.id })), [posts.published.id]);
      assert.deepEqual(ids(await list({ categoryId: newsroom.basics.otherCategoryId })), [posts.published.id]);
      assert.deepEqual(ids(await list({ tagId: newsroom.basics.personTagId })), [posts.pending.id]);
      assert.deepEqual(ids(await list({ text: 'saxophone' })), [posts.published.id], 'words in the body');
      assert.deepEqual(ids(await list({ text: 'Grammys' })), [posts.edited.id], 'words in the title');
      const combined = await list({ authorId: newsroom.writer.id, tagId: newsroom.basics.tagId });
      assert.deepEqual(ids(combined), [posts.edited.id]);
      assert.equal(combined.total, 1);
    });

    test('pages through the list, counting every match', async () => {
      const first = await list({ perPage: 2 });
      const second = await list({ perPage: 2, page: 2 });
      assert.deepEqual(ids(first), [posts.edited.id, posts.published.id]);
      assert.deepEqual(ids(second), [posts.pending.id]);
      assert.deepEqual([first.total, second.total, second.page, second.perPage], [3, 3, 2, 2]);
      assert.deepEqual(ids(await list({ perPage: 2, page: 3 })), []);
    });

    test('refuses a bad filter, naming it', async () => {
      const error = await refusal(list({ perPage: 500, status: 'archived', colour: 'red' }));
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.deepEqual(paths(error.issues).sort(), ['/colour', '/perPage', '/status']);
    });

    test('reads in index order rather than sorting every post', async () => {
      const cases = [
        { query: { status: 'draft' as const }, index: 'posts_newsroom_status' },
        { query: {}, index: 'posts_newsroom_latest' },
      ];
      for (const { query, index } of cases) {
        const plan = await t.store.dialect.explain(newsroomPageQuery(t.store.dialect, { ...query, limit: 20, offset: 0 }).compile());
        if (engine === 'sqlite') {
          assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, plan);
          assert.match(plan, new RegExp(`(SEARCH|SCAN) p USING (COVERING )?INDEX ${index}`), plan);
        } else {
          assert.doesNotMatch(plan, /(^|\s)Sort\b/m, plan);
          assert.match(plan, new RegExp(`Index (Only )?Scan using ${index} on posts`), plan);
        }
      }
    });
  });
}
