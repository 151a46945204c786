import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createS3Storage } from '../../src/media-storage/s3-storage.js';
import type { MediaStorage } from '../../src/media-storage/media-storage.js';
import { run, useDataDir } from '../helpers/cli-process.js';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.js';

/** `masthead media sync --to s3`, run as a real process against a real S3-compatible server. */
describe('masthead media sync --to s3', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));
  let s3: S3TestServer;
  let bucket: MediaStorage;

  const env = () => ({
    DATA_DIR: dataDir,
    MEDIA_STORAGE: 's3',
    S3_BUCKET: s3.bucket,
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_FORCE_PATH_STYLE: '1',
    AWS_ACCESS_KEY_ID: s3.accessKeyId,
    AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const put = (path: string, data: string) => {
    const file = join(dataDir, 'media', ...path.split('/'));
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, data);
  };
  const objects = async () => {
    const all: string[] = [];
    for await (const object of bucket.list()) all.push(`${object.path} ${object.size}`);
    return all.sort();
  };

  before(async () => {
    s3 = await startS3Server();
    bucket = createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, isPathStyle: true, credentials: s3 });
    put('2026/01/first-abc.jpg', 'a picture');
    put('2026/01/first-abc-480.webp', 'a smaller picture');
    put('files/wp-7/report.pdf', 'a document');
    // An import's staging folder is never copied: its files belong to no row yet.
    put('.staging/20260101-1-ab/2026/01/staged.jpg', 'not yet stored');
    // One the bucket holds already, the same size: skipped.
    await bucket.put({ path: '2026/01/first-abc.jpg', data: Buffer.from('a picture') });
  });
  after(async () => {
    await bucket?.close();
    await s3?.stop();
  });

  test('copies the library into the bucket, skipping what is there and dot folders, with a report', async () => {
    const result = await run(['media', 'sync', '--to', 's3'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Copied 2 file\(s\); 1 already there; 0 failed\./);
    assert.match(result.stderr, /Copying \|.*\| 3\/3 files/);
    assert.deepEqual(await objects(), ['2026/01/first-abc-480.webp 17', '2026/01/first-abc.jpg 9', 'files/wp-7/report.pdf 10']);
  });

  test('resumes: a second run copies only what is missing or of another size', async () => {
    // A copy that did not finish as it should: the bucket holds other bytes.
    await bucket.put({ path: 'files/wp-7/report.pdf', data: Buffer.from('cut'), mayReplace: true });
    const result = await run(['media', 'sync', '--to', 's3'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Copied 1 file\(s\); 2 already there; 0 failed\./);
    assert.deepEqual(await bucket.read('files/wp-7/report.pdf'), Buffer.from('a document'));
  });

  test('a file it cannot copy is reported with why, the others still go, and the exit code is 1', async () => {
    put('2026/02/back\\slash.jpg', 'a name no object key of ours can have');
    put('2026/02/fine-def.jpg', 'fine');
    const result = await run(['media', 'sync', '--to', 's3'], env());
    assert.equal(result.code, 1, result.stderr);
    assert.match(result.stdout, /Copied 1 file\(s\); 3 already there; 1 failed\./);
    assert.match(result.stdout, /2026\/02\/back\\slash\.jpg: "2026\/02\/back\\slash\.jpg" is not a media path/);
    assert.ok((await objects()).includes('2026/02/fine-def.jpg 4'));
  });

  test('a missing bucket stops it at once with what to check, exit code 1', async () => {
    const result = await run(['media', 'sync', '--to', 's3'], { ...env(), S3_BUCKET: 'no-such-bucket' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Could not list the bucket "no-such-bucket".*NoSuchBucket.*Check that the bucket exists/);
  });

  test('without MEDIA_STORAGE=s3 it says what to set; a bad action or target is refused', async () => {
    const local = await run(['media', 'sync', '--to', 's3'], { DATA_DIR: dataDir });
    assert.equal(local.code, 1);
    assert.match(local.stderr, /set MEDIA_STORAGE=s3, S3_BUCKET/);
    assert.match((await run(['media', 'sync', '--to', 'ftp'], env())).stderr, /media sync needs --to s3 \(got "ftp"\)/);
    assert.match((await run(['media', 'copy'], env())).stderr, /media takes "sync"/);
  });
});
