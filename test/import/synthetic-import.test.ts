import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import type { ImportReport } from '../../src/import/wordpress/import-report.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { tempDir } from '../helpers/cli-process.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { writeSyntheticWxr, type SyntheticWxrCounts } from '../helpers/synthetic-wxr.js';

/**
 * The generator the import benchmark uses, checked against the importer on a
 * small site: what the generator says it wrote is what arrives. (How fast a
 * big one imports is the benchmark's business: npm run bench:import.)
 */

const SMALL_SITE = { posts: 60, commentsPerPost: 3, attachments: 30, filesWithBytes: 5, seed: 7 };
const TABLES = ['posts', 'users', 'categories', 'tags', 'media', 'comments', 'redirects', 'post_tags', 'post_authors', 'post_media', 'post_revisions', 'import_items'] as const;

/** Every row of the tables an import writes, so two moments can be compared whole. */
async function snapshot(t: TestStore): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await t.store.dialect.db.selectFrom(table).selectAll().execute();
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

for (const engine of ENGINES) {
  describe(`a synthetic export arrives whole (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let dir: string;
    let counts: SyntheticWxrCounts;
    let report: ImportReport;
    const file = () => join(dir, 'synthetic.xml');
    const runImport = () => {
      const mediaDir = join(t.dataDir, 'media');
      const images = createSharpIngest({ mediaDir });
      return importWordPress({ store: t.store, clock: testClock(), images }, { file: file(), uploadsDir: join(dir, 'uploads'), mediaDir });
    };
    const count = async (table: 'posts' | 'comments', where: Record<string, string | number> = {}) => {
      let query = t.store.dialect.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      for (const [column, value] of Object.entries(where)) query = query.where(column as never, '=', value as never);
      return Number((await query.executeTakeFirstOrThrow()).n);
    };

    before(async () => {
      t = await createTestStore(engine);
      dir = tempDir();
      counts = await writeSyntheticWxr(file(), { ...SMALL_SITE, uploadsDir: join(dir, 'uploads') });
      report = await runImport();
    });
    after(async () => {
      await t?.cleanup();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('every post arrives in the state WordPress had it in', async () => {
      assert.equal(report.counts.post.created, counts.posts.total);
      assert.equal(await count('posts', { kind: 'article', status: 'published' }), counts.posts.publish);
      assert.equal(await count('posts', { kind: 'article', status: 'scheduled' }), counts.posts.future);
      // Private posts become drafts, so only the newsroom sees them.
      assert.equal(await count('posts', { kind: 'article', status: 'draft' }), counts.posts.draft + counts.posts.private);
      assert.equal(await count('posts', { kind: 'article', status: 'pending' }), counts.posts.pending);
      assert.equal(await count('posts', { kind: 'page' }), counts.pages);
      const flagged = await t.store.dialect.db.selectFrom('posts').select(['password', 'is_sticky']).execute();
      assert.equal(flagged.filter((p) => p.password !== null).length, counts.passwordProtected);
      assert.equal(flagged.filter((p) => Boolean(p.is_sticky)).length, counts.sticky);
    });

    test('authors, every category and tag, and the people terms arrive', async () => {
      const db = t.store.dialect.db;
      assert.equal((await db.selectFrom('users').select('id').execute()).length, counts.authors);
      assert.equal((await db.selectFrom('categories').select('id').execute()).length, counts.categories);
      const tags = await db.selectFrom('tags').select(['kind']).execute();
      assert.equal(tags.length, counts.tags + counts.peopleTerms);
      assert.equal(tags.filter((tag) => tag.kind === 'person').length, counts.peopleTerms);
    });

    test('comments arrive approved, held or as spam, with replies under the comments they answer', async () => {
      assert.ok(counts.comments.total > 0 && counts.comments.pending > 0 && counts.comments.spam > 0 && counts.comments.replies > 0);
      assert.equal(await count('comments'), counts.comments.total);
      assert.equal(await count('comments', { status: 'approved' }), counts.comments.approved);
      assert.equal(await count('comments', { status: 'pending' }), counts.comments.pending);
      assert.equal(await count('comments', { status: 'spam' }), counts.comments.spam);
      assert.equal(await count('comments', { kind: 'pingback' }), counts.comments.pingbacks);
      const replies = await t.store.dialect.db.selectFrom('comments').select('id').where('parent_id', 'is not', null).execute();
      assert.equal(replies.length, counts.comments.replies);
    });

    test('pictures with a file join the library; the others are reported missing and the import goes on', async () => {
      const media = await t.store.dialect.db.selectFrom('media').select(['original_name']).execute();
      assert.equal(media.length, counts.attachments.withFiles);
      assert.equal(report.counts.attachment.created, counts.attachments.withFiles);
      const missing = report.items.filter((i) => i.type === 'attachment' && i.outcome === 'skipped' && /not in the uploads folder/.test(i.reason ?? ''));
      assert.equal(missing.length, counts.attachments.total - counts.attachments.withFiles);
      assert.equal(report.counts.attachment.failed + report.counts.post.failed, 0);
    });

    test('old addresses lead to the posts: the dated permalink, /?p= and an attachment’s page', async () => {
      const rows = await t.store.dialect.db.selectFrom('redirects').select(['from_path', 'post_id']).execute();
      const toPosts = rows.filter((r) => r.post_id !== null);
      assert.equal(toPosts.filter((r) => /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/$/.test(r.from_path)).length, counts.datedLinks);
      assert.equal(toPosts.filter((r) => /^\/\?p=\d+$/.test(r.from_path)).length, counts.posts.total);
      assert.equal(toPosts.filter((r) => /^\/\?page_id=\d+$/.test(r.from_path)).length, counts.pages);
      assert.equal(toPosts.filter((r) => /^\/\?attachment_id=\d+$/.test(r.from_path)).length, counts.attachments.attached);
    });

    test('a second import of the same file changes nothing', async () => {
      const before = await snapshot(t);
      const again = await runImport();
      for (const [type, outcomes] of Object.entries(again.counts)) {
        assert.equal(outcomes.created + outcomes.updated, 0, `${type}: ${JSON.stringify(outcomes)}`);
      }
      assert.equal(again.counts.post.unchanged, counts.posts.total);
      assert.equal(again.counts.comment.unchanged, counts.comments.total);
      assert.deepEqual(await snapshot(t), before);
    });
  });
}

test('the same seed writes the same file, another seed another', async () => {
  const dir = tempDir();
  try {
    const options = { posts: 12, commentsPerPost: 2, attachments: 6 };
    const [a, b, c] = await Promise.all([
      writeSyntheticWxr(join(dir, 'a.xml'), { ...options, seed: 3 }),
      writeSyntheticWxr(join(dir, 'b.xml'), { ...options, seed: 3 }),
      writeSyntheticWxr(join(dir, 'c.xml'), { ...options, seed: 4 }),
    ]);
    const text = (name: string) => readFileSync(join(dir, name), 'utf8');
    assert.deepEqual(a, b);
    assert.equal(text('a.xml'), text('b.xml'));
    assert.notEqual(text('a.xml'), text('c.xml'));
    assert.equal(c.posts.total, 12);
    assert.equal(a.comments.total, 24);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
