import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { createBasics, testClock, type Basics } from '../../helpers/factories.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { paragraphs } from '../../../src/content/body.js';
import type { Media } from '../../../src/content/types.js';
import { createPost } from '../../../src/operations/create-post.js';
import { makeAllMissingSizes, makeMissingSizes } from '../../../src/operations/media-library/picture-sizes.js';
import { startPictureSizer } from '../../../src/operations/media-library/picture-sizer.js';
import { createSharpIngest } from '../../../src/media/sharp-ingest.js';
import { variantPath } from '../../../src/content/media-paths.js';
import { systemClock } from '../../../src/lib/clock.js';
import { startJobRunner } from '../../../src/jobs/job-runner.js';
import { jobHandlers } from '../../../src/jobs/handlers/index.js';

/**
 * Pictures stored with their sizes left for later (as the importer stores
 * them) are shown as uploaded until their variants are made; then the
 * stories showing them are rendered again with the variants.
 */
for (const engine of ENGINES) {
  describe(`pictures whose sizes are made later (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    let server: RunningServer;
    let photo: Media;
    let damaged: Media;
    const images = () => createSharpIngest({ mediaDir: join(t.dataDir, 'media') });
    const context = () => ({ store: t.store, clock: testClock(), images: images() });

    async function store(bytes: Buffer, name: string): Promise<Media> {
      const image = await images().ingest({ bytes, name, createdAt: testClock().now() }, { sizes: 'later' });
      return t.store.media.insert({ ...image, alt: `${name} on stage`, caption: null, credit: null, agency: null, licence: null, createdAt: testClock().now().toISOString() });
    }

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      const jpeg = await sharp({ create: { width: 1000, height: 600, channels: 3, background: { r: 200, g: 40, b: 90 } } }).jpeg().toBuffer();
      photo = await store(jpeg, 'singer.jpg');
      // A header that reads, pixels that do not: found out only when the sizes are made.
      damaged = await store(jpeg.subarray(0, 400), 'cut-off.jpg');
      await createPost(context(), {
        title: 'The singer on tour',
        slug: 'singer-on-tour',
        status: 'published',
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        body: [...paragraphs(['Words.']), { type: 'image', media: photo.id, caption: 'On stage' }],
      });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    const pictureOnPage = async () => {
      const $ = cheerio.load(await (await server.get('/singer-on-tour/')).text());
      const figure = $('figure').filter((_, e) => $(e).find('figcaption').text().includes('On stage'));
      return { src: figure.find('img').attr('src'), avif: figure.find('source[type="image/avif"]').attr('srcset') };
    };

    test('until its sizes are made, a picture is stored and shown as uploaded', async () => {
      assert.deepEqual([photo.variantWidths, photo.crops], [[], []]);
      assert.ok(existsSync(join(t.dataDir, 'media', photo.path)));
      const shown = await pictureOnPage();
      assert.equal(shown.src, `/media/${photo.path}`);
      assert.equal(shown.avif, undefined);
      assert.equal(await t.store.mediaLibrary.countWithoutSizes(), 2);
    });

    test('making them writes the variants and crops, records them, and renders the story again', async () => {
      const report = await makeMissingSizes(context(), { limit: 10 });
      assert.equal(report.made, 1);
      assert.deepEqual(report.failed.map((f) => f.id), [damaged.id]);
      const stored = (await t.store.media.findById(photo.id))!;
      assert.deepEqual(stored.variantWidths, [480, 800, 1000]);
      assert.deepEqual([...stored.crops].sort(), ['16x9', '1x1', '4x3']);
      assert.ok(existsSync(join(t.dataDir, 'media', variantPath(photo.path, 800, 'avif'))));
      const shown = await pictureOnPage();
      assert.match(shown.avif ?? '', /800w/);
      assert.equal((await t.store.media.findById(damaged.id))!.variantWidths.length, 0, 'a damaged picture keeps its original only');
    });

    test('a second run has nothing left but the damaged picture, and skipping it, nothing at all', async () => {
      const progress: Array<[number, number]> = [];
      const all = await makeAllMissingSizes(context(), (done, total) => progress.push([done, total]));
      assert.equal(all.made, 0);
      assert.deepEqual(all.failed.map((f) => f.id), [damaged.id]);
      assert.deepEqual(progress.at(-1), [1, 1]);
      const skipping = await makeMissingSizes(context(), { limit: 10, skip: new Set([damaged.id]) });
      assert.deepEqual([skipping.made, skipping.failed.length], [0, 0]);
      assert.equal(await t.store.mediaLibrary.setSizes(photo.id, { variantWidths: [1], crops: [] }), false, 'sizes recorded once are not recorded over');
    });
  });
}

describe('the background picture sizer', () => {
  test('queues one picture-sizes job that one runner runs: the waiting picture is sized, a damaged one is reported once and not queued again', async () => {
    const t = await createTestStore('sqlite');
    try {
      const images = createSharpIngest({ mediaDir: join(t.dataDir, 'media') });
      const jpeg = await sharp({ create: { width: 300, height: 200, channels: 3, background: { r: 10, g: 200, b: 90 } } }).jpeg().toBuffer();
      const put = async (bytes: Buffer, name: string) => {
        const image = await images.ingest({ bytes, name, createdAt: testClock().now() }, { sizes: 'later' });
        return t.store.media.insert({ ...image, alt: name, caption: null, credit: null, agency: null, licence: null, createdAt: testClock().now().toISOString() });
      };
      const photo = await put(jpeg, 'photo.jpg');
      const damaged = await put(jpeg.subarray(0, 300), 'damaged.jpg');
      const context = { store: t.store, clock: systemClock };
      const runner = startJobRunner({ ...context, handlers: jobHandlers({ ...context, images }), name: 'test', pollMs: 20, onError: () => undefined });
      const stop = startPictureSizer({ context, intervalMs: 20, onError: (error) => assert.fail(String(error)) });
      for (let i = 0; i < 300 && (await t.store.media.findById(photo.id))!.variantWidths.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 300));
      await stop();
      await runner.stop();
      assert.deepEqual((await t.store.media.findById(photo.id))!.variantWidths, [300]);
      const jobs = await t.store.jobs.list({ kind: 'picture-sizes', limit: 10, offset: 0 });
      assert.equal(jobs.length, 1, 'one job, not one every interval');
      assert.equal(jobs[0]!.status, 'done');
      assert.deepEqual((jobs[0]!.progress.checkpoint as { failed: Array<{ id: number }> }).failed.map((f) => f.id), [damaged.id]);
    } finally {
      await t.cleanup();
    }
  });
});
