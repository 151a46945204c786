import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { postsShowing, rerenderPosts, rerenderPostsShowing } from '../../../src/operations/editorial/rerender.js';
import { listPostsForNewsroom } from '../../../src/operations/editorial/newsroom-list.js';
import { approveAndPublish } from '../../../src/operations/editorial/workflow.js';
import { createCategory, createTag } from '../../../src/operations/create-terms.js';
import { createDraft, createNewsroom, createPicture, refusal, type Newsroom } from './newsroom.js';

/**
 * Posts are stored rendered; when a picture, tag, section or author they show
 * is edited, the posts that show it are found and rendered again. (The edits
 * themselves belong to the media library and the term screens; here they are
 * made in SQL.)
 */
for (const engine of ENGINES) {
  describe(`re-rendering what posts show (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    const now = () => newsroom.clock.now().toISOString();
    const article = async (slug: string) => cheerio.load((await t.store.posts.findPublishedBySlug(slug, now()))!.articleHtml.toString());

    test('a picture’s new caption reaches the stored article once its posts are re-rendered', async () => {
      const picture = await createPicture(t.store, { alt: 'John Legend on stage', caption: 'Legend at the Grammys' });
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer), {
        body: [
          { type: 'paragraph', content: [{ text: 'Intro.' }] },
          { type: 'image', media: picture.id },
        ],
      });
      const post = await approveAndPublish(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision });
      assert.equal((await article(post.slug))('figure .caption').text(), 'Legend at the Grammys');

      await t.store.dialect.db.updateTable('media').set({ caption: 'Legend at the 2020 Grammys' }).where('id', '=', picture.id).execute();
      assert.equal((await article(post.slug))('figure .caption').text(), 'Legend at the Grammys', 'stored when written: unchanged until re-rendered');

      assert.deepEqual(await postsShowing(t.store, { mediaId: picture.id }), [post.id]);
      const report = await rerenderPosts(t.store, [post.id]);

      assert.deepEqual(report, { rendered: [post.id], skipped: [] });
      assert.equal((await article(post.slug))('figure .caption').text(), 'Legend at the 2020 Grammys');
      const stored = await t.store.posts.findById(post.id);
      assert.equal(stored?.revision, post.revision, 're-rendering is not a save');
      assert.equal(stored?.updatedAt, post.updatedAt);
    });

    test('finds the posts that show a tag, a section, an author or a featured picture', async () => {
      const { writer, editor } = newsroom;
      const tag = await createTag(newsroom.as(editor), { name: 'Grammys' });
      const section = await createCategory(newsroom.as(editor), { name: 'Awards' });
      const picture = await createPicture(t.store, { alt: 'A red carpet' });
      const tagged = await createDraft(newsroom, newsroom.as(writer), { title: 'Tagged', tagIds: [tag.id] });
      const sectioned = await createDraft(newsroom, newsroom.as(writer), { title: 'Sectioned', categoryId: section.id, authorIds: [editor.id] });
      const featured = await createDraft(newsroom, newsroom.as(writer), { title: 'Featured', featuredMediaId: picture.id, authorIds: [editor.id, writer.id] });

      assert.deepEqual(await postsShowing(t.store, { tagId: tag.id }), [tagged.id]);
      assert.deepEqual(await postsShowing(t.store, { categoryId: section.id }), [sectioned.id]);
      assert.deepEqual(await postsShowing(t.store, { userId: editor.id }), [sectioned.id, featured.id]);
      assert.deepEqual(await postsShowing(t.store, { mediaId: picture.id }), [featured.id]);
      const error = await refusal(postsShowing(t.store, { mediaId: picture.id, tagId: tag.id }));
      assert.equal(error.code, 'VALIDATION_FAILED');
    });

    test('a renamed section reaches the cards and the newsroom’s list', async () => {
      const section = await createCategory(newsroom.as(newsroom.editor), { name: 'Gossip' });
      const post = await createDraft(newsroom, newsroom.as(newsroom.writer), { title: 'In the gossip section', categoryId: section.id });
      await t.store.dialect.db.updateTable('categories').set({ name: 'Rumours' }).where('id', '=', section.id).execute();

      const report = await rerenderPostsShowing(t.store, { categoryId: section.id });

      assert.deepEqual(report.rendered, [post.id]);
      const { items } = await listPostsForNewsroom(newsroom.as(newsroom.editor), { categoryId: section.id });
      assert.deepEqual(items.map((i) => i.category?.name), ['Rumours']);
    });

    test('a post deleted meanwhile is skipped, not an error', async () => {
      const post = await createDraft(newsroom, newsroom.as(newsroom.writer));
      await t.store.dialect.db.deleteFrom('posts').where('id', '=', post.id).execute();
      assert.deepEqual(await rerenderPosts(t.store, [post.id]), { rendered: [], skipped: [post.id] });
    });
  });
}
