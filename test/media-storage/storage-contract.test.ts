import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { AppError } from '../../src/lib/errors.js';
import { createLocalStorage } from '../../src/media-storage/local-storage.js';
import type { MediaStorage } from '../../src/media-storage/media-storage.js';
import { createS3Storage } from '../../src/media-storage/s3-storage.js';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.js';

/** The same promises from both drivers, each against a real backend: a temporary folder, a real S3-compatible server. */
const drivers: Array<{ name: string; open(): Promise<{ storage: MediaStorage; close(): Promise<void> }> }> = [
  {
    name: 'local',
    async open() {
      const folder = await mkdtemp(join(tmpdir(), 'masthead-local-storage-'));
      return { storage: createLocalStorage({ folder }), close: () => rm(folder, { recursive: true, force: true }) };
    },
  },
  {
    name: 's3',
    async open() {
      const server = await startS3Server();
      const storage = createS3Storage({ bucket: server.bucket, region: server.region, endpoint: server.endpoint, isPathStyle: true, credentials: server });
      return {
        storage,
        close: async () => {
          await storage.close();
          await server.stop();
        },
      };
    },
  },
];

async function drain(storage: MediaStorage): Promise<Array<{ path: string; size: number }>> {
  const all: Array<{ path: string; size: number }> = [];
  for await (const object of storage.list()) all.push(object);
  return all.sort((a, b) => a.path.localeCompare(b.path));
}

for (const driver of drivers) {
  describe(`media storage: ${driver.name}`, () => {
    let storage: MediaStorage;
    let close: () => Promise<void>;
    before(async () => ({ storage, close } = await driver.open()));
    after(() => close());

    test('stores bytes at a path and gives them back', async () => {
      assert.equal(await storage.put({ path: '2026/03/first-abc.jpg', data: Buffer.from('first') }), true);
      assert.deepEqual(await storage.read('2026/03/first-abc.jpg'), Buffer.from('first'));
      assert.deepEqual(await storage.stat('2026/03/first-abc.jpg'), { size: 5 });
    });

    test('never replaces what is at a path, and says it created nothing', async () => {
      await storage.put({ path: '2026/03/kept-abc.jpg', data: Buffer.from('original') });
      assert.equal(await storage.put({ path: '2026/03/kept-abc.jpg', data: Buffer.from('other') }), false);
      assert.deepEqual(await storage.read('2026/03/kept-abc.jpg'), Buffer.from('original'));
    });

    test('replaces when asked to (a kept document the export has a newer copy of)', async () => {
      await storage.put({ path: 'files/wp-1/report.pdf', data: Buffer.from('old') });
      assert.equal(await storage.put({ path: 'files/wp-1/report.pdf', data: Buffer.from('newer'), mayReplace: true }), true);
      assert.deepEqual(await storage.read('files/wp-1/report.pdf'), Buffer.from('newer'));
    });

    test('stores the contents of a local file', async () => {
      const folder = await mkdtemp(join(tmpdir(), 'masthead-put-file-'));
      try {
        await writeFile(join(folder, 'a.pdf'), 'from a file');
        assert.equal(await storage.put({ path: 'files/wp-2/a.pdf', data: { file: join(folder, 'a.pdf') } }), true);
        assert.deepEqual(await storage.read('files/wp-2/a.pdf'), Buffer.from('from a file'));
        assert.deepEqual(await readdir(folder), ['a.pdf'], 'the source file is left where it was');
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    });

    test('answers "not there" for a missing path without an error', async () => {
      assert.equal(await storage.read('2026/03/missing.jpg'), undefined);
      assert.equal(await storage.open('2026/03/missing.jpg'), undefined);
      assert.equal(await storage.stat('2026/03/missing.jpg'), undefined);
    });

    test('opens an object as a stream with its size', async () => {
      await storage.put({ path: '2026/04/streamed-abc.webp', data: Buffer.from('streamed bytes') });
      const object = await storage.open('2026/04/streamed-abc.webp');
      assert.ok(object);
      assert.equal(object.size, 14);
      const chunks: Buffer[] = [];
      for await (const chunk of object.body) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).toString(), 'streamed bytes');
    });

    test('removes paths, and a path with nothing there is no error', async () => {
      await storage.put({ path: '2026/05/gone-abc.jpg', data: Buffer.from('x') });
      await storage.remove(['2026/05/gone-abc.jpg', '2026/05/never-there.jpg']);
      assert.equal(await storage.stat('2026/05/gone-abc.jpg'), undefined);
    });

    test('lists every object with its size', async () => {
      const listed = await drain(storage);
      assert.deepEqual(
        listed.filter((o) => o.path.startsWith('2026/03/')),
        [
          { path: '2026/03/first-abc.jpg', size: 5 },
          { path: '2026/03/kept-abc.jpg', size: 8 },
        ],
      );
      assert.ok(listed.some((o) => o.path === 'files/wp-1/report.pdf' && o.size === 5));
    });

    test('refuses paths no media file can have (dot segments, absolute, empty)', async () => {
      for (const path of ['../outside.jpg', '/etc/passwd', '', '2026/.staging/x.jpg', 'a//b.jpg']) {
        await assert.rejects(storage.put({ path, data: Buffer.from('x') }), (error: unknown) => error instanceof AppError && error.code === 'BAD_REQUEST', path);
      }
    });

    test('has a name for messages', () => {
      assert.match(storage.name, driver.name === 'local' ? /^the folder / : /^the bucket "media-test" at http:\/\/127\.0\.0\.1:\d+$/);
    });
  });
}

describe('media storage: s3, when the service does not answer or the bucket is missing', () => {
  let server: S3TestServer;
  before(async () => (server = await startS3Server()));
  after(() => server.stop());

  test('a missing bucket is MEDIA_STORAGE_UNAVAILABLE naming the bucket and what to check', async () => {
    const storage = createS3Storage({ bucket: 'no-such-bucket', region: server.region, endpoint: server.endpoint, isPathStyle: true, credentials: server });
    try {
      await assert.rejects(storage.put({ path: '2026/01/a.jpg', data: Buffer.from('x') }), (error: unknown) => {
        assert.ok(error instanceof AppError);
        assert.equal(error.code, 'MEDIA_STORAGE_UNAVAILABLE');
        assert.equal(error.status, 502);
        assert.match(error.message, /the bucket "no-such-bucket".*NoSuchBucket.*Check that the bucket exists/);
        return true;
      });
      await assert.rejects(storage.read('2026/01/a.jpg'), /NoSuchBucket/);
    } finally {
      await storage.close();
    }
  });

  test('a service that is down is MEDIA_STORAGE_UNAVAILABLE, for reads and writes', async () => {
    const down = await startS3Server();
    const storage = createS3Storage({ bucket: down.bucket, region: down.region, endpoint: down.endpoint, isPathStyle: true, credentials: down });
    await down.stop();
    try {
      await assert.rejects(storage.put({ path: '2026/01/a.jpg', data: Buffer.from('x') }), (error: unknown) => error instanceof AppError && error.code === 'MEDIA_STORAGE_UNAVAILABLE' && /ECONNREFUSED/.test(error.message));
      await assert.rejects(storage.open('2026/01/a.jpg'), (error: unknown) => error instanceof AppError && error.code === 'MEDIA_STORAGE_UNAVAILABLE');
    } finally {
      await storage.close();
    }
  });
});
