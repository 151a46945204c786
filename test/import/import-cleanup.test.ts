import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { tempDir } from '../helpers/cli-process.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { SYNTHETIC_SITE } from '../helpers/synthetic-content.js';
import { writeSyntheticWxr } from '../helpers/synthetic-wxr.js';

/**
 * A failed import leaves the media folder as it was: its files waited in a
 * staging folder, which the failure removes, and no file that was there
 * before it (the same picture, stored by an earlier import) is touched.
 */

const TABLES = ['posts', 'users', 'categories', 'tags', 'media', 'comments', 'redirects', 'post_tags', 'post_authors', 'post_media', 'import_items'] as const;

/** Every file under `dir` with a digest of its bytes, by path. */
export function filesIn(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  let entries: string[] = [];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  } catch {
    return files;
  }
  for (const file of entries) files.set(relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
  return files;
}

async function rows(t: TestStore): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of TABLES) {
    const found = await t.store.dialect.db.selectFrom(table).selectAll().execute();
    tables[table] = found.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

for (const engine of ENGINES) {
  describe(`a failed import leaves the media folder as it was (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let dir: string;
    let mediaDir: string;
    const runImport = (file: string, onProgress?: () => void) =>
      importWordPress({ store: t.store, clock: testClock(), images: createSharpIngest({ mediaDir }) }, { file, uploadsDir: join(dir, 'uploads'), mediaDir, onProgress });

    before(async () => {
      t = await createTestStore(engine);
      dir = tempDir();
      mediaDir = join(t.dataDir, 'media');
      await writeSyntheticWxr(join(dir, 'site.xml'), { posts: 40, commentsPerPost: 1, attachments: 40, filesWithBytes: 40, seed: 11, uploadsDir: join(dir, 'uploads') });
    });
    after(async () => {
      await t?.cleanup();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('an export cut short after its first pictures were staged: no new file, no file removed, the store as it was', async () => {
      // A first import stores the pictures; the second export is the same site moved to another address, so its
      // pictures are new items with the same bytes, names and dates: the same paths as the files already there.
      await runImport(join(dir, 'site.xml'));
      const before = filesIn(mediaDir);
      assert.ok([...before.keys()].filter((path) => /\.(jpe?g|png)$/.test(path)).length >= 30, 'the first import stored its pictures');
      const storedBefore = await rows(t);

      const text = readFileSync(join(dir, 'site.xml'), 'utf8').replaceAll(SYNTHETIC_SITE, 'https://moved.example.org');
      const cut = join(dir, 'cut.xml');
      writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.7)));
      let stagedAtMost = 0;
      await assert.rejects(
        runImport(cut, () => {
          stagedAtMost = Math.max(stagedAtMost, [...filesIn(join(mediaDir, '.staging')).keys()].filter((path) => !path.split('/')[1]?.startsWith('.')).length);
        }),
        /cut\.xml:\d+: .*end/i,
      );
      assert.deepEqual(filesIn(mediaDir), before, 'the media folder holds exactly the files it held, byte for byte, and nothing staged');
      assert.deepEqual(await rows(t), storedBefore, 'the store is as it was');
      // Not vacuous: the run had written pictures (into its staging folder) before the file ran out.
      assert.ok(stagedAtMost > 5, `pictures were written before the file ran out (${stagedAtMost} staged)`);
    });

    test('the same export whole, imported next, stores its pictures where the media URLs say and leaves nothing staged', async () => {
      const moved = join(dir, 'moved.xml');
      writeFileSync(moved, readFileSync(join(dir, 'site.xml'), 'utf8').replaceAll(SYNTHETIC_SITE, 'https://moved.example.org'));
      const report = await runImport(moved);
      assert.equal(report.counts.attachment?.created, 40);
      const media = await t.store.dialect.db.selectFrom('media').select('path').execute();
      const files = filesIn(mediaDir);
      for (const { path } of media) assert.ok(files.has(path), `${path} is in the media folder`);
      assert.deepEqual([...files.keys()].filter((path) => path.startsWith('.staging')), [], 'nothing is left staged');
    });
  });
}
