import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, test } from 'node:test';
import { openStore } from '../../src/store/open-store.js';
import { freePort, run, start, tempDir, useDataDir, waitFor200, withTimeout } from '../helpers/cli-process.js';
import { writeSyntheticWxr } from '../helpers/synthetic-wxr.js';

/**
 * `masthead import` killed with SIGKILL inside its transaction: the store
 * rolls back, and its picture files, which waited in the media folder's
 * .staging/ folder, never reached the media folder; the next start sweeps
 * them away, and the next import brings the site over whole.
 */

/** Picture files under the media folder, as paths relative to it (the run's own dot files left out). */
function pictures(mediaDir: string): string[] {
  if (!existsSync(mediaDir)) return [];
  return readdirSync(mediaDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(jpe?g|png)$/.test(entry.name))
    .map((entry) => relative(mediaDir, join(entry.parentPath, entry.name)));
}

const isStaged = (path: string) => path.startsWith(`.staging${sep}`);

async function mediaRows(dataDir: string): Promise<string[]> {
  const store = await openStore({ engine: 'sqlite', file: join(dataDir, 'masthead.sqlite') });
  try {
    return (await store.dialect.db.selectFrom('media').select('path').execute()).map((row) => row.path);
  } finally {
    await store.close();
  }
}

describe('masthead import wordpress, killed halfway', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('leaves no picture in the media folder, the next start sweeps what it staged, and the next import succeeds', { timeout: 180_000 }, async () => {
    const source = tempDir();
    const file = join(source, 'site.xml');
    const uploads = join(source, 'uploads');
    const counts = await writeSyntheticWxr(file, { posts: 150, commentsPerPost: 1, attachments: 400, filesWithBytes: 400, seed: 5, uploadsDir: uploads });
    const mediaDir = join(dataDir, 'media');
    const env = { DATA_DIR: dataDir, MASTHEAD_DEMO: '0' };

    // Killed as soon as the first picture file exists, wherever the import put it: inside pass 1, so inside the transaction.
    const importing = start(['import', 'wordpress', file, '--uploads', uploads, '--defer-sizes'], env);
    let hasExited = false;
    void importing.done.then(() => (hasExited = true));
    while (!hasExited && pictures(mediaDir).length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(hasExited, false, 'the import was still running when its first picture file appeared');
    importing.child.kill('SIGKILL');
    const killed = await importing.done;
    assert.equal(killed.signal, 'SIGKILL');

    const left = pictures(mediaDir);
    assert.deepEqual(left.filter((path) => !isStaged(path)), [], 'no picture of the killed import is in the media folder');
    assert.ok(left.length > 0, 'the killed import had written pictures (into its staging folder)');
    assert.deepEqual(await mediaRows(dataDir), [], 'the store rolled back');

    // The next start of the site sweeps the staging folder before it serves.
    const port = await freePort();
    const server = start(['serve'], { ...env, PORT: String(port), HOST: '127.0.0.1', SITE_URL: `http://127.0.0.1:${port}` });
    let hasStopped = false;
    void server.done.then(() => (hasStopped = true));
    try {
      await waitFor200(`http://127.0.0.1:${port}/healthz`, () => hasStopped, 60_000);
      assert.deepEqual(pictures(mediaDir), [], 'the sweep removed what the killed import staged');
      assert.deepEqual(readdirSync(join(mediaDir, '.staging')), [], 'and its run folder');
    } finally {
      server.child.kill('SIGTERM');
      await withTimeout(server.done, 15_000, 'stopping the server').catch(() => server.child.kill('SIGKILL'));
    }

    const again = await run(['import', 'wordpress', file, '--uploads', uploads, '--defer-sizes'], env);
    assert.equal(again.code, 0, again.stderr);
    const rows = await mediaRows(dataDir);
    assert.equal(rows.length, counts.attachments.withFiles, 'every picture is in the library');
    assert.deepEqual(pictures(mediaDir).sort(), [...rows].sort(), 'the media folder holds exactly the library’s pictures: none missing, none orphaned');
  });
});
