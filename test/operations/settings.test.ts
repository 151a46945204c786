import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { updateSettings } from '../../src/operations/settings.js';
import { AppError } from '../../src/lib/errors.js';
import { systemClock } from '../../src/lib/clock.js';
import { runJobsUntilIdle } from '../../src/jobs/job-runner.js';
import { jobHandlers } from '../../src/jobs/handlers/index.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';

/**
 * Posts are stored with their rendered card, head and article; a setting they
 * all show must reach every one of them, and a bad setting must change nothing.
 */
for (const engine of ENGINES) {
  describe(`site settings (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;

    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 8 });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    async function page(path: string) {
      return cheerio.load(await (await server.get(path)).text());
    }

    test('a new site title and time zone reach every stored page and card', async () => {
      // Story 7 is dated 2026-11-20T05:00Z: the 20th in UTC, still the 19th in Los Angeles.
      const before = await page('/story-number-7/');
      assert.equal(before('meta[property="og:site_name"]').attr('content'), 'Masthead');
      assert.equal(before('.byline time').text(), 'November 20, 2026');

      await updateSettings({ store: t.store, clock: testClock() }, { title: 'The Daily Uncut', timezone: 'America/Los_Angeles' });
      await server.app.site.reload();
      // The stored pages are rendered again by the job the change queued (src/jobs/).
      await runJobsUntilIdle({ store: t.store, clock: systemClock, handlers: jobHandlers({ store: t.store, clock: systemClock, images: createSharpIngest({ mediaDir: t.dataDir }) }), name: 'test', onError: (error) => assert.fail(String(error)) });

      const after = await page('/story-number-7/');
      assert.equal(after('title').text(), 'Story number 7 – The Daily Uncut');
      assert.equal(after('meta[property="og:site_name"]').attr('content'), 'The Daily Uncut');
      assert.equal(JSON.parse(after('script[type="application/ld+json"]').first().text()).publisher.name, 'The Daily Uncut');
      assert.equal(after('.byline time').text(), 'November 19, 2026');
      assert.equal(after('.brand').text(), 'The Daily Uncut');
      const home = await page('/');
      const card = home('.teaser').filter((_, el) => home(el).find('a[href="/story-number-7/"]').length > 0);
      assert.equal(card.find('time').text(), 'November 19, 2026');
    });

    test('an unknown time zone is refused, naming the field, and nothing changes', async () => {
      await assert.rejects(
        updateSettings({ store: t.store, clock: testClock() }, { title: 'Never', timezone: 'Mars/Olympus_Mons' }),
        (error: AppError) => error.code === 'VALIDATION_FAILED' && error.issues[0]?.path === '/timezone',
      );
      const settings = await t.store.settings.get();
      assert.notEqual(settings.title, 'Never');
    });
  });
}
