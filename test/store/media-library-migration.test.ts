import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { TEST_NOW } from '../helpers/factories.js';
import * as sqliteMigration from '../../src/store/sqlite/migrations/0005-media-library.js';
import * as postgresMigration from '../../src/store/postgres/migrations/0005-media-library.js';

/**
 * Pictures stored before the library existed must be found by its search, and
 * a migration interrupted half-way must be safe to run again.
 */
for (const engine of ENGINES) {
  describe(`the media library migration on ${engine}`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    const up = (db: Kysely<unknown>) => (engine === 'sqlite' ? sqliteMigration : postgresMigration).up(db);

    before(async () => {
      t = await createTestStore(engine);
    });
    after(() => t?.cleanup());

    test('runs again without harm and fills in what older rows lack', async () => {
      const { db } = t.store.dialect;
      // A row as it was before 0005: no search text, no update time.
      const { id } = await db
        .insertInto('media')
        .values({
          path: '2024/01/old.jpg', mime_type: 'image/jpeg', width: 10, height: 10, alt: 'Old Photo',
          caption: 'Élodie at Cannes', credit: null, agency: 'AFP', licence: null,
          variant_widths: '[10]', crops: '[]', created_at: TEST_NOW, search_text: '', updated_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      await up(db as unknown as Kysely<unknown>);

      const row = await db.selectFrom('media').select(['search_text', 'updated_at']).where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(row.search_text, 'old photo elodie at cannes afp');
      assert.equal(row.updated_at, TEST_NOW);
      const found = await t.store.mediaLibrary.search({ text: 'ÉLODIE', limit: 10, offset: 0 });
      assert.deepEqual(found.items.map((item) => item.id), [id]);
    });
  });
}
