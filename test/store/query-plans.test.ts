import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, TEST_NOW, type Basics } from '../helpers/factories.js';
import { bySlugQuery, cursorQuery, listQuery } from '../../src/store/queries/posts.js';
import { sql } from 'kysely';
import type { ListScope } from '../../src/content/store.js';

/**
 * The pages readers hit most must stay fast at 100,000 articles. Each query is
 * checked by its plan: it has to be served by an index, in index order, not by
 * reading and sorting the whole table. (PostgreSQL is told to avoid sequential
 * scans and sorts, so the plan shows whether an index *can* serve the query.)
 */
function assertIndexed(engine: string, fullPlan: string, input: { table: string; alias: string; index: string }) {
  // Only the outer query matters: the sub-selects that fold in a post's few
  // authors and tags run per row and may sort those two or three rows.
  const cut = fullPlan.search(engine === 'sqlite' ? /CORRELATED SCALAR SUBQUERY/ : /SubPlan/);
  const plan = cut === -1 ? fullPlan : fullPlan.slice(0, cut);
  if (engine === 'sqlite') {
    assert.doesNotMatch(plan, new RegExp(`SCAN ${input.alias}\\b(?! USING)`), `full scan of ${input.table}:\n${fullPlan}`);
    assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, `sorts instead of reading in index order:\n${fullPlan}`);
    assert.match(plan, new RegExp(`(SEARCH|SCAN) ${input.alias} USING (COVERING )?INDEX ${input.index}`), fullPlan);
  } else {
    assert.doesNotMatch(plan, new RegExp(`Seq Scan on ${input.table}\\b`), `sequential scan of ${input.table}:\n${fullPlan}`);
    assert.doesNotMatch(plan, /(^|\s)Sort\b/m, `sorts instead of reading in index order:\n${fullPlan}`);
    assert.match(plan, new RegExp(`Index (Only )?Scan using ${input.index} on ${input.table}`), fullPlan);
  }
}

for (const engine of ENGINES) {
  describe(`query plans on ${engine}`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    const after_ = { publishedAt: '2026-11-19T00:00:00.000Z', id: 10 };

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 30 });
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
    });
    after(() => t?.cleanup());

    test('an article by slug is one index lookup', async () => {
      const plan = await t.store.dialect.explain(bySlugQuery(t.store.dialect, 'story-number-1', TEST_NOW).compile());
      assertIndexed(engine, plan, { table: 'posts', alias: 'p', index: engine === 'sqlite' ? 'sqlite_autoindex_posts_1' : 'posts_slug_key' });
    });

    const scopes: Array<[string, () => ListScope, { table: string; alias: string; index: string }]> = [
      ['the latest articles', () => ({ kind: 'all' }), { table: 'posts', alias: 'p', index: 'posts_public_latest' }],
      ['a category archive', () => ({ kind: 'category', id: basics.categoryId }), { table: 'posts', alias: 'p', index: 'posts_category_latest' }],
      ['a tag page', () => ({ kind: 'tag', id: basics.tagId }), { table: 'post_tags', alias: 'l', index: 'post_tags_latest' }],
      ['an author page', () => ({ kind: 'author', id: basics.authorId }), { table: 'post_authors', alias: 'l', index: 'post_authors_latest' }],
    ];
    for (const [name, scope, table] of scopes) {
      test(`${name} reads in index order, first page and deep pages alike`, async () => {
        for (const cursor of [undefined, after_]) {
          const query = listQuery(t.store.dialect, { scope: scope(), now: TEST_NOW, limit: 21, after: cursor }).compile();
          assertIndexed(engine, await t.store.dialect.explain(query), table);
        }
      });
      test(`${name}: a page number without a cursor walks the index, not the table`, async () => {
        const query = cursorQuery(t.store.dialect, { scope: scope(), now: TEST_NOW, offset: 19 }).compile();
        assertIndexed(engine, await t.store.dialect.explain(query), table);
      });
    }
  });
}
