import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics } from '../helpers/factories.js';
import { createUser } from '../../src/operations/create-terms.js';
import { testClock, TEST_NOW } from '../helpers/factories.js';
import { libraryPageQuery, usageQuery } from '../../src/store/queries/media-library.js';

/**
 * A newsroom's library grows by hundreds of pictures a week. Each listing the
 * library offers must walk an index in order, not sort the table; finding
 * where a picture is used must look it up, not read every post.
 */
for (const engine of ENGINES) {
  describe(`media library query plans on ${engine}`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let uploaderId: number;

    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 20 });
      uploaderId = (await createUser({ store: t.store, clock: testClock() }, { name: 'Photo Desk', slug: 'photo-desk' })).id;
      for (let i = 0; i < 40; i++) {
        await t.store.media.insert({
          path: `2026/11/p-${i}.jpg`,
          mimeType: i % 2 ? 'image/jpeg' : 'image/png',
          width: 800,
          height: 600,
          alt: i % 3 ? 'Alt' : '',
          caption: null,
          credit: null,
          agency: null,
          licence: null,
          variantWidths: [800],
          crops: [],
          uploadedBy: i % 4 ? uploaderId : null,
          createdAt: TEST_NOW,
        });
      }
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
    });
    after(() => t?.cleanup());

    async function plan(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<string> {
      return t.store.dialect.explain(query.compile());
    }

    function assertReadsInOrder(text: string, index: string) {
      if (engine === 'sqlite') {
        assert.doesNotMatch(text, /SCAN media\b(?! USING)/, `full scan:\n${text}`);
        assert.doesNotMatch(text, /USE TEMP B-TREE FOR ORDER BY/, `sorts:\n${text}`);
        assert.match(text, new RegExp(`(SEARCH|SCAN) media USING (COVERING )?INDEX ${index}\\b`), text);
      } else {
        assert.doesNotMatch(text, /Seq Scan on media\b/, `sequential scan:\n${text}`);
        assert.doesNotMatch(text, /(^|\s)Sort\b/m, `sorts:\n${text}`);
        assert.match(text, new RegExp(`Index (Only )?Scan using ${index} on media`), text);
      }
    }

    const listings: Array<[string, () => Parameters<typeof libraryPageQuery>[1], string]> = [
      ['the whole library', () => ({ limit: 30, offset: 60 }), 'media_latest'],
      ['one uploader\'s pictures', () => ({ uploadedBy: uploaderId, limit: 30, offset: 0 }), 'media_by_uploader'],
      ['one type', () => ({ mimeType: 'image/png', limit: 30, offset: 0 }), 'media_by_type'],
      ['pictures missing alt text', () => ({ isMissingAlt: true, limit: 30, offset: 0 }), 'media_missing_alt'],
    ];
    for (const [name, query, index] of listings) {
      test(`${name} is read newest first from ${index}`, async () => {
        assertReadsInOrder(await plan(libraryPageQuery(t.store.dialect.db, query())), index);
      });
    }

    test('where a picture is used is two index lookups and a fetch by id', async () => {
      const text = await plan(usageQuery(t.store.dialect.db, 3));
      if (engine === 'sqlite') {
        assert.doesNotMatch(text, /SCAN (p|f|pm)\b(?! USING)/, `full scan:\n${text}`);
        assert.match(text, /SEARCH pm USING (COVERING )?INDEX post_media_by_media/, text);
        assert.match(text, /SEARCH f USING (COVERING )?INDEX posts_by_featured_media/, text);
      } else {
        assert.doesNotMatch(text, /Seq Scan on (posts|post_media)\b/, `sequential scan:\n${text}`);
        assert.match(text, /post_media_by_media/, text);
        assert.match(text, /posts_by_featured_media/, text);
      }
    });
  });
}
