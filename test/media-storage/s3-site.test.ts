import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createS3Storage } from '../../src/media-storage/s3-storage.js';
import { readSeedFile } from '../../src/demo/reference-article.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { seedReference, testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { startS3Server, type S3TestServer } from '../helpers/s3-server.js';
import { keepingMailer, startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';

/**
 * The site with its media in a real S3-compatible server: uploads land in the
 * bucket, any instance serves them whatever its own disk holds, a storage that
 * fails leaves nothing behind, and MEDIA_PUBLIC_URL moves every address.
 */
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const PASSWORD = 'a long enough passphrase';

function s3Env(s3: S3TestServer, bucket = s3.bucket): Record<string, string> {
  return { MEDIA_STORAGE: 's3', S3_BUCKET: bucket, S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_FORCE_PATH_STYLE: '1' };
}

function photoForm(): FormData {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(PHOTO)]), 'red-carpet.jpg');
  return data;
}

async function objectsIn(s3: S3TestServer): Promise<string[]> {
  const storage = createS3Storage({ bucket: s3.bucket, region: s3.region, endpoint: s3.endpoint, isPathStyle: true, credentials: s3 });
  try {
    const paths: string[] = [];
    for await (const object of storage.list()) paths.push(object.path);
    return paths.sort();
  } finally {
    await storage.close();
  }
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch {
    return [];
  }
}

// The SDK finds its keys as it would in production: in the environment.
before(() => {
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
});

describe('media in an S3 bucket, served by every instance', () => {
  let s3: S3TestServer;
  let t: TestStore;
  let first: RunningServer;
  let second: RunningServer;
  let secondDataDir: string;
  let uploaded: { url: string; thumbnailUrl: string };

  before(async () => {
    s3 = await startS3Server();
    t = await createTestStore('sqlite');
    await createAccount({ store: t.store, clock: testClock() }, { email: 'author@news.example', name: 'The author', role: 'author', password: PASSWORD });
    first = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer(), env: s3Env(s3) });
    // Another machine: the same database, a DATA_DIR of its own with no media in it.
    secondDataDir = await mkdtemp(join(tmpdir(), 'masthead-second-instance-'));
    second = await startServer({ store: t.store, dataDir: secondDataDir, env: s3Env(s3) });
    const client = new NewsroomClient(first);
    await client.signIn('author@news.example', PASSWORD);
    const answer = await client.upload('/media', photoForm());
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    uploaded = answer.body.media;
  });
  after(async () => {
    await second?.close();
    await first?.close();
    await t?.cleanup();
    await rm(secondDataDir, { recursive: true, force: true });
    await s3?.stop();
  });

  test('an upload puts the original, its variants and its crops in the bucket, and nothing on the local disk', async () => {
    const objects = await objectsIn(s3);
    const original = uploaded.url.replace(/^\/media\//, '').replace(/-\d+\.jpg$/, '.jpg');
    assert.ok(objects.includes(original), `${original} in ${objects.join(', ')}`);
    assert.ok(objects.some((path) => path.endsWith('.avif')) && objects.some((path) => path.endsWith('.webp')), objects.join(', '));
    assert.ok(objects.some((path) => /-1200x675\.jpg$/.test(path)), 'the 16:9 sharing crop');
    assert.deepEqual(await filesUnder(join(t.dataDir, 'media')), []);
  });

  test('each object carries its type and immutable caching for a CDN', async () => {
    const response = await fetch(`${s3.endpoint}/${s3.bucket}/${uploaded.url.replace(/^\/media\//, '')}`);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  });

  test('another instance, with an empty DATA_DIR, serves the picture with the usual headers', async () => {
    const response = await second.get(uploaded.url);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(response.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.equal(Number(response.headers.get('content-length')), bytes.length);
    const inBucket = Buffer.from(await (await fetch(`${s3.endpoint}/${s3.bucket}/${uploaded.url.replace(/^\/media\//, '')}`)).arrayBuffer());
    assert.ok(bytes.length > 0 && bytes.equals(inBucket), 'the bytes the bucket holds');
    const etag = response.headers.get('etag');
    assert.ok(etag, 'an ETag');
    assert.equal((await second.get(uploaded.url, { headers: { 'if-none-match': etag } })).status, 304);
  });

  test('a path with nothing in the bucket, or one no media file can have, is a 404', async () => {
    assert.equal((await second.get('/media/2026/11/no-such-picture.jpg')).status, 404);
    assert.equal((await second.get('/media/.staging/run/x.jpg')).status, 404);
    assert.equal((await second.get('/media/2026/%2e%2e/%2e%2e/etc/passwd')).status, 404);
  });
});

describe('an upload when the storage fails', () => {
  let s3: S3TestServer;
  let t: TestStore;

  before(async () => {
    s3 = await startS3Server();
    t = await createTestStore('sqlite');
    await createAccount({ store: t.store, clock: testClock() }, { email: 'author@news.example', name: 'The author', role: 'author', password: PASSWORD });
  });
  after(async () => {
    await t?.cleanup();
    await s3?.stop();
  });

  for (const failure of ['a missing bucket', 'a storage service that is down'] as const) {
    test(`${failure}: a 502 naming what to check, no media row, nothing in the bucket`, async () => {
      const down = failure === 'a storage service that is down' ? await startS3Server() : undefined;
      if (down) await down.stop();
      const server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer(), env: down ? s3Env(down) : s3Env(s3, 'no-such-bucket') });
      try {
        const client = new NewsroomClient(server);
        await client.signIn('author@news.example', PASSWORD);
        const answer = await client.upload('/media', photoForm());
        assert.equal(answer.status, 502, JSON.stringify(answer.body));
        assert.equal(answer.body.error.code, 'MEDIA_STORAGE_UNAVAILABLE');
        assert.match(answer.body.error.message, down ? /ECONNREFUSED/ : /NoSuchBucket/);
        assert.match(answer.body.error.message, /S3_BUCKET.*S3_ENDPOINT/);
        assert.equal((await t.store.mediaLibrary.search({ limit: 10, offset: 0 })).total, 0);
        assert.deepEqual(await objectsIn(s3), []);
        assert.deepEqual(await filesUnder(join(t.dataDir, 'media')), []);
      } finally {
        await server.close();
      }
    });
  }
});

describe('MEDIA_PUBLIC_URL', () => {
  const CDN = 'https://cdn.example/news-media';
  const seed = readSeedFile();
  const ARTICLE = `/${seed.article.slug}/`;
  let t: TestStore;
  let withCdn: RunningServer;
  let withoutCdn: RunningServer;

  before(async () => {
    t = await createTestStore('sqlite');
    await seedReference(t.store, t.dataDir);
    // Two instances on the same stored pages: only the setting differs, nothing is rendered again.
    withCdn = await startServer({ store: t.store, dataDir: t.dataDir, env: { MEDIA_PUBLIC_URL: CDN } });
    withoutCdn = await startServer({ store: t.store, dataDir: t.dataDir });
  });
  after(async () => {
    await withCdn?.close();
    await withoutCdn?.close();
    await t?.cleanup();
  });

  const text = async (server: RunningServer, path: string) => {
    const response = await server.get(path);
    assert.equal(response.status, 200, path);
    return response.text();
  };

  test('the article page: pictures, sharing image and JSON-LD point at it, and no marker is left', async () => {
    const page = await text(withCdn, ARTICLE);
    assert.match(page, new RegExp(`<img src="${CDN}/\\d{4}/\\d{2}/[^"]+\\.jpg"`));
    assert.match(page, new RegExp(`srcset="${CDN}/[^" ]+\\.avif 480w`));
    assert.match(page, new RegExp(`<meta property="og:image" content="${CDN}/[^"]+"`));
    const jsonLd = [...page.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/gs)].map((m) => m[1]).join('\n');
    assert.match(jsonLd, new RegExp(`"url":"${CDN}/[^"]+-1200x675\\.jpg"`));
    assert.doesNotMatch(page, /["\s]\/media\/|news\.example\/media\//);
    assert.doesNotMatch(page, /[\uE000\uE001]/);
  });

  test('without it, the same stored page points at the site\u2019s own /media/', async () => {
    const page = await text(withoutCdn, ARTICLE);
    assert.match(page, /<img src="\/media\/\d{4}\/\d{2}\/[^"]+\.jpg"/);
    assert.match(page, new RegExp(`<meta property="og:image" content="${TEST_SITE_URL}/media/[^"]+"`));
    assert.doesNotMatch(page, new RegExp(CDN));
    assert.doesNotMatch(page, /[\uE000\uE001]/);
  });

  test('the home page, the AMP page and the feed', async () => {
    assert.match(await text(withCdn, '/'), new RegExp(`src="${CDN}/`));
    assert.match(await text(withCdn, `${ARTICLE}amp/`), new RegExp(`src="${CDN}/`));
    const feed = await text(withCdn, '/feed/');
    assert.match(feed, new RegExp(`${CDN}/\\d{4}/`));
    assert.doesNotMatch(feed, /news\.example\/media\//);
    assert.doesNotMatch(feed, /[\uE000\uE001]/);
  });

  test('the image sitemap and the REST API', async () => {
    const sitemaps = await text(withCdn, '/sitemap-posts-1.xml');
    assert.match(sitemaps, new RegExp(`<image:loc>${CDN}/`));
    const media = JSON.parse(await text(withCdn, '/wp-json/wp/v2/media')) as Array<{ source_url: string; media_details: { sizes: Record<string, { source_url: string }> } }>;
    assert.ok(media.length > 0);
    for (const item of media) {
      assert.ok(item.source_url.startsWith(`${CDN}/`), item.source_url);
      for (const size of Object.values(item.media_details.sizes)) assert.ok(size.source_url.startsWith(`${CDN}/`), size.source_url);
    }
    const posts = JSON.parse(await text(withCdn, '/wp-json/wp/v2/posts')) as Array<{ content: { rendered: string } }>;
    assert.match(posts[0]!.content.rendered, new RegExp(`src="${CDN}/`));
    assert.doesNotMatch(posts[0]!.content.rendered, /[\uE000\uE001]|\/media\//);
  });
});
