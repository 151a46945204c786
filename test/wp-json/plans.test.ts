import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, TEST_NOW, type Basics } from '../helpers/factories.js';
import { postsPage } from '../../src/store/queries/wp-json.js';
import type { WpPostQuery } from '../../src/content/store-wp-json.js';

/** The API's default listings must read posts in index order, as the site's archives do, not sort the table. */
for (const engine of ENGINES) {
  describe(`/wp-json/ post listings on ${engine}`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    const latest: WpPostQuery = { kinds: ['article'], now: TEST_NOW, offset: 20, limit: 10, orderBy: 'date', isAscending: false };

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 30 });
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
    });
    after(() => t?.cleanup());

    const cases: Array<[string, () => WpPostQuery, string]> = [
      ['the newest posts', () => latest, 'posts_public_latest'],
      ['a category\'s posts', () => ({ ...latest, categoryIds: [basics.categoryId] }), 'posts_category_latest'],
    ];
    for (const [name, query, index] of cases) {
      test(`${name} are read in index order`, async () => {
        const plan = await t.store.dialect.explain(postsPage(t.store.dialect, query()).compile());
        if (engine === 'sqlite') {
          assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, plan);
          assert.match(plan, new RegExp(`SEARCH p USING (COVERING )?INDEX ${index}\\b`), plan);
        } else {
          assert.doesNotMatch(plan, /(^|\s)Sort\b/m, plan);
          assert.match(plan, new RegExp(`Index (Only )?Scan using ${index} on posts`), plan);
        }
      });
    }
  });
}
