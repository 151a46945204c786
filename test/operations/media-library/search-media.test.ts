import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { testClock } from '../../helpers/factories.js';
import { createUser } from '../../../src/operations/create-terms.js';
import { searchMedia } from '../../../src/operations/media-library/search-media.js';
import type { AppError } from '../../../src/lib/errors.js';
import type { Media } from '../../../src/content/types.js';
import { storedMedia } from './library-fixtures.js';

/**
 * The library is searched by what an editor remembers of a picture (a name
 * in the caption, the agency, the file name) and filtered to what needs work.
 */
for (const engine of ENGINES) {
  describe(`searching the media library (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let ada: number;
    let ben: number;
    const pictures: Record<string, Media> = {};
    const search = (input: Record<string, unknown>) => searchMedia({ store: t.store, clock: testClock() }, { page: 1, perPage: 50, ...input });
    const ids = (items: Media[]) => items.map((item) => item.id);

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      ada = (await createUser(context, { name: 'Ada Desk', slug: 'ada-desk' })).id;
      ben = (await createUser(context, { name: 'Ben Desk', slug: 'ben-desk' })).id;
      // One minute apart, oldest first, so "newest first" is the reverse of this list.
      const rows: Array<[string, Partial<Omit<Media, 'id'>>]> = [
        ['gala', { caption: 'Beyoncé arrives at the Met Gala', credit: 'Jane Doe', agency: 'Reuters', alt: 'A singer on the steps', uploadedBy: ada }],
        ['premiere', { caption: 'Stars at the premiere', credit: 'Élodie Martin', agency: 'Getty Images', uploadedBy: ben, mimeType: 'image/png' }],
        ['court', { title: 'Court sketch', originalName: 'IMG_4411.jpg', alt: 'The judge at the bench', uploadedBy: ada }],
        ['discount', { caption: 'Prices cut by 100% at the mall', licence: 'Reuters staff only', uploadedBy: ben, mimeType: 'image/webp' }],
        ['logo', { alt: 'Masthead logo', mimeType: 'image/png' }],
      ];
      for (const [index, [key, fields]] of rows.entries()) {
        pictures[key] = await storedMedia(t.store, { createdAt: new Date(Date.UTC(2026, 10, 20, 10, index)).toISOString(), ...fields });
      }
    });
    after(() => t?.cleanup());

    test('lists newest first, a page at a time, with the total', async () => {
      const newestFirst = ['logo', 'discount', 'court', 'premiere', 'gala'].map((key) => pictures[key]!.id);
      const pages = await Promise.all([1, 2, 3, 4].map((page) => search({ page, perPage: 2 })));
      assert.deepEqual(pages.map((page) => ids(page.items)), [newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4), []]);
      assert.deepEqual(pages.map((page) => page.total), [5, 5, 5, 5]);
    });

    test('text is found in the alt text, caption, credit, agency, title and file name', async () => {
      const cases: Array<[string, string]> = [
        ['steps', 'gala'],
        ['premiere', 'premiere'],
        ['jane', 'gala'],
        ['getty', 'premiere'],
        ['sketch', 'court'],
        ['img_4411', 'court'],
      ];
      for (const [text, key] of cases) assert.deepEqual(ids((await search({ text })).items), [pictures[key]!.id], `"${text}"`);
    });

    test('case and accents do not matter, beyond ASCII too, on both engines', async () => {
      assert.deepEqual(ids((await search({ text: 'BEYONCE' })).items), [pictures.gala!.id]);
      assert.deepEqual(ids((await search({ text: 'ÉLODIE' })).items), [pictures.premiere!.id]);
      assert.deepEqual(ids((await search({ text: 'élodie' })).items), [pictures.premiere!.id]);
    });

    test('every word must match, in any order', async () => {
      assert.deepEqual(ids((await search({ text: 'reuters gala' })).items), [pictures.gala!.id]);
      assert.deepEqual(ids((await search({ text: 'gala getty' })).items), []);
    });

    test('% and _ are searched for as themselves', async () => {
      assert.deepEqual(ids((await search({ text: '100%' })).items), [pictures.discount!.id]);
      assert.deepEqual(ids((await search({ text: '%' })).items), [pictures.discount!.id]);
      assert.deepEqual(ids((await search({ text: '_' })).items), [pictures.court!.id]);
    });

    test('the licence is not searched: "Reuters" finds the Reuters picture, not the one licensed to Reuters staff', async () => {
      assert.deepEqual(ids((await search({ text: 'reuters' })).items), [pictures.gala!.id]);
    });

    test('filters by type, by uploader, and by missing alt text, alone and together', async () => {
      assert.deepEqual(ids((await search({ mimeType: 'image/png' })).items), [pictures.logo!.id, pictures.premiere!.id]);
      assert.deepEqual(ids((await search({ uploadedBy: ben })).items), [pictures.discount!.id, pictures.premiere!.id]);
      assert.deepEqual(ids((await search({ missingAlt: true })).items), [pictures.discount!.id, pictures.premiere!.id]);
      assert.deepEqual(ids((await search({ missingAlt: false })).items), [pictures.logo!.id, pictures.court!.id, pictures.gala!.id]);
      const together = await search({ missingAlt: true, uploadedBy: ben, mimeType: 'image/webp', perPage: 1 });
      assert.deepEqual(ids(together.items), [pictures.discount!.id]);
      assert.equal(together.total, 1);
      assert.deepEqual(ids((await search({ text: 'desk', uploadedBy: ada })).items), []);
    });

    test('a bad page, page size or type is refused, naming the field', async () => {
      for (const [input, path] of [
        [{ page: 0 }, '/page'],
        [{ perPage: 101 }, '/perPage'],
        [{ mimeType: 'image/svg+xml' }, '/mimeType'],
        [{ missingAlt: 'yes' }, '/missingAlt'],
        [{ sort: 'oldest' }, '/sort'],
      ] as const) {
        await assert.rejects(search(input), (error: AppError) => error.code === 'VALIDATION_FAILED' && error.issues.some((issue) => issue.path === path), path);
      }
    });
  });
}
