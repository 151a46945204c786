import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { createBasics, testClock, type Basics } from '../../helpers/factories.js';
import { fixedClock } from '../../../src/lib/clock.js';
import { paragraphs } from '../../../src/content/body.js';
import { createPost } from '../../../src/operations/create-post.js';
import { mediaUsage } from '../../../src/operations/media-library/media-usage.js';
import { searchMedia } from '../../../src/operations/media-library/search-media.js';
import { updateMediaDetails } from '../../../src/operations/media-library/update-media-details.js';
import type { AppError } from '../../../src/lib/errors.js';
import type { Media, Post } from '../../../src/content/types.js';
import * as cheerio from 'cheerio';
import { storedMedia } from './library-fixtures.js';

/**
 * A picture's details are shown by every post that uses it, so the library
 * says where it is used and an edit names the posts to render again.
 */
for (const engine of ENGINES) {
  describe(`where a picture is used, and editing its details (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    let photo: Media;
    let unused: Media;
    let featuring: Post;
    let inBody: Post;
    let draft: Post;
    // Edits are an editor's here: who may edit whose picture is test/admin-api/ownership.test.ts's.
    const context = () => ({ store: t.store, clock: testClock(), actor: { id: basics.authorId, role: 'editor' } });

    async function post(title: string, input: { status: string; featuredMediaId?: number; bodyMedia?: number }) {
      return createPost(context(), {
        title,
        status: input.status,
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        ...(input.featuredMediaId ? { featuredMediaId: input.featuredMediaId } : {}),
        body: [...paragraphs(['Words.']), ...(input.bodyMedia ? [{ type: 'image', media: input.bodyMedia, caption: '' }] : [])],
      });
    }

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      photo = await storedMedia(t.store, { alt: 'The singer on stage', credit: 'Jane Doe', agency: 'Reuters', caption: 'On stage in Paris' });
      unused = await storedMedia(t.store, { alt: 'Nobody uses this' });
      featuring = await post('Featured story', { status: 'published', featuredMediaId: photo.id });
      inBody = await post('Body story', { status: 'published', bodyMedia: photo.id });
      draft = await post('Draft story', { status: 'draft', featuredMediaId: photo.id, bodyMedia: photo.id });
      await post('Unrelated story', { status: 'published', featuredMediaId: unused.id });
    });
    after(() => t?.cleanup());

    test('lists every post that shows the picture, featured or in the body, drafts too, once each', async () => {
      const uses = await mediaUsage(context(), photo.id);
      assert.deepEqual(
        uses.map((use) => ({ ...use })).sort((a, b) => a.id - b.id),
        [featuring, inBody, draft].map(({ id, title, slug, status }) => ({ id, title, slug, status })).sort((a, b) => a.id - b.id),
      );
    });

    test('finds a featured picture even where the post has no link row for it', async () => {
      await t.store.dialect.db.deleteFrom('post_media').where('post_id', '=', featuring.id).execute();
      try {
        assert.ok((await mediaUsage(context(), photo.id)).some((use) => use.id === featuring.id));
      } finally {
        await t.store.dialect.db.insertInto('post_media').values({ post_id: featuring.id, media_id: photo.id }).execute();
      }
    });

    test('a picture nobody shows is used nowhere; an unknown one is not found', async () => {
      const fresh = await storedMedia(t.store);
      assert.deepEqual(await mediaUsage(context(), fresh.id), []);
      await assert.rejects(mediaUsage(context(), 99_999), (error: AppError) => error.code === 'NOT_FOUND');
    });

    test('an edit returns the picture as changed and the posts that show it', async () => {
      const later = fixedClock('2026-11-21T09:30:00.000Z');
      const result = await updateMediaDetails({ ...context(), clock: later }, { id: photo.id, alt: '  Legend at the piano ', credit: 'J. Doe', caption: '' });
      assert.equal(result.media.alt, 'Legend at the piano');
      assert.equal(result.media.credit, 'J. Doe');
      assert.equal(result.media.caption, null, 'an empty caption is no caption');
      assert.equal(result.media.agency, 'Reuters', 'fields not named are kept');
      assert.equal(result.media.updatedAt, '2026-11-21T09:30:00.000Z');
      assert.deepEqual([...result.affectedPostIds].sort((a, b) => a - b), [featuring.id, inBody.id, draft.id].sort((a, b) => a - b));
      assert.deepEqual(await t.store.media.findById(photo.id), result.media);
      assert.deepEqual([...result.rerendered.rendered].sort((a, b) => a - b), [...result.affectedPostIds].sort((a, b) => a - b));
    });

    test('the posts showing the picture are rendered again with the new credit and alt text', async () => {
      await updateMediaDetails(context(), { id: photo.id, alt: 'Legend at the grand piano', credit: 'Jane Q. Doe' });
      const body = (await t.store.posts.findById(inBody.id))?.bodyHtml ?? '';
      const figure = cheerio.load(body, null, false)('figure');
      assert.equal(figure.find('img').attr('alt'), 'Legend at the grand piano');
      assert.match(figure.text(), /Jane Q\. Doe/);
      const page = await t.store.posts.findPublishedBySlug(featuring.slug, '2030-01-01T00:00:00.000Z');
      assert.match(page?.articleHtml.toString() ?? '', /Jane Q\. Doe/);
    });

    test('search follows an edit: the new credit is found, the old one no longer', async () => {
      const picture = await storedMedia(t.store, { credit: 'Old Name' });
      await updateMediaDetails(context(), { id: picture.id, credit: 'Nadia Brightwater' });
      const found = async (text: string) => (await searchMedia(context(), { text, page: 1, perPage: 10 })).items.map((item) => item.id);
      assert.deepEqual(await found('brightwater'), [picture.id]);
      assert.deepEqual(await found('old name'), []);
    });

    test('a picture no post shows affects none', async () => {
      const picture = await storedMedia(t.store);
      const result = await updateMediaDetails(context(), { id: picture.id, alt: 'A quiet street' });
      assert.deepEqual(result.affectedPostIds, []);
    });

    test('a bad edit is refused, naming the field, and changes nothing', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ id: photo.id, alt: 'x'.repeat(501) }, '/alt'],
        [{ id: photo.id, photographer: 'Jane' }, '/photographer'],
        [{ id: photo.id, credit: 42 }, '/credit'],
        [{ id: 'one', alt: 'x' }, '/id'],
        [{ id: photo.id }, ''],
      ];
      const before = await t.store.media.findById(photo.id);
      for (const [input, path] of cases) {
        await assert.rejects(updateMediaDetails(context(), input), (error: AppError) => error.code === 'VALIDATION_FAILED' && error.issues[0]?.path === path, path);
      }
      assert.deepEqual(await t.store.media.findById(photo.id), before);
      await assert.rejects(updateMediaDetails(context(), { id: 99_999, alt: 'x' }), (error: AppError) => error.code === 'NOT_FOUND' && error.message === 'Media 99999 was not found');
    });
  });
}
