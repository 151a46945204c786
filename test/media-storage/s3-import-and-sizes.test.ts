import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import type { MediaStorage } from '../../src/media-storage/media-storage.js';
import { createS3Storage } from '../../src/media-storage/s3-storage.js';
import { makeAllMissingSizes } from '../../src/operations/media-library/picture-sizes.js';
import { tempDir } from '../helpers/cli-process.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.js';
import { writeSyntheticWxr } from '../helpers/synthetic-wxr.js';

/**
 * A WordPress import into a bucket: its files wait on this machine's disk and
 * go into the bucket only once the run has committed; the picture sizes are
 * made later from the originals in the bucket, by a process that never had
 * them on its disk.
 */
/** The files under `dir`, by name; none when it does not exist. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

describe('a WordPress import with its media in an S3 bucket', () => {
  let s3: S3TestServer;
  let bucket: MediaStorage;
  let t: TestStore;
  let dir: string;
  let mediaDir: string;

  const objects = async () => {
    const all: string[] = [];
    for await (const object of bucket.list()) all.push(object.path);
    return all.sort();
  };
  const runImport = (file: string) =>
    importWordPress({ store: t.store, clock: testClock(), images: createSharpIngest({ storage: bucket }) }, { file, uploadsDir: join(dir, 'uploads'), mediaDir, storage: bucket });

  before(async () => {
    s3 = await startS3Server();
    bucket = createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, isPathStyle: true, credentials: s3 });
    t = await createTestStore('sqlite');
    dir = tempDir();
    mediaDir = join(t.dataDir, 'media');
    await writeSyntheticWxr(join(dir, 'site.xml'), { posts: 20, commentsPerPost: 0, attachments: 20, filesWithBytes: 20, seed: 5, uploadsDir: join(dir, 'uploads') });
  });
  after(async () => {
    await t?.cleanup();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await bucket?.close();
    await s3?.stop();
  });

  test('a run that fails leaves the bucket and the store as they were', async () => {
    const text = readFileSync(join(dir, 'site.xml'), 'utf8');
    const cut = join(dir, 'cut.xml');
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.7)));
    await assert.rejects(runImport(cut), /cut\.xml:\d+: .*end/i);
    assert.deepEqual(await objects(), []);
    assert.equal((await t.store.dialect.db.selectFrom('media').select('id').execute()).length, 0);
    assert.deepEqual(filesIn(mediaDir), [], 'nothing left on the local disk either');
  });

  test('a run that commits puts every picture in the bucket, at the path its row has, and leaves nothing on disk', async () => {
    const report = await runImport(join(dir, 'site.xml'));
    assert.ok((report.counts.attachment?.created ?? 0) >= 10, JSON.stringify(report.counts));
    const media = await t.store.dialect.db.selectFrom('media').select('path').execute();
    const stored = new Set(await objects());
    for (const { path } of media) assert.ok(stored.has(path), `${path} is in the bucket`);
    assert.deepEqual(filesIn(mediaDir), [], 'the staging folder is gone');
  });

  test('the sizes are made from the originals in the bucket', async () => {
    const before = new Set(await objects());
    const report = await makeAllMissingSizes({ store: t.store, clock: testClock(), images: createSharpIngest({ storage: bucket, widths: [480, 800] }) });
    assert.deepEqual(report.failed, []);
    assert.ok(report.made >= 10);
    const added = (await objects()).filter((path) => !before.has(path));
    assert.ok(added.some((path) => /-\d+\.avif$/.test(path)) && added.some((path) => /-1200x675\.jpg$/.test(path)), added.slice(0, 5).join(', '));
    assert.equal(await t.store.mediaLibrary.countWithoutSizes(), 0);
  });
});
