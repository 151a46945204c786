import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { TEST_SITE_URL } from '../helpers/server.js';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';

/**
 * A value an older version stored (or someone wrote into the table) that no
 * longer passes the settings schema must not stop the program: the process
 * starts, serves pages with that setting's default, and says so once, not on
 * every refresh.
 */

// jsonb refuses a lone surrogate, so only SQLite can hold the value that once bricked every new process.
const BAD_VALUES: Record<'sqlite' | 'postgres', Record<string, unknown>> = {
  sqlite: { title: '\ud800 Broken title', timezone: 'Mars/Olympus', postsPerPage: 0, retired: true },
  postgres: { title: 'Broken \u0007 title', timezone: 'Mars/Olympus', postsPerPage: 0, retired: true },
};

for (const engine of ENGINES) {
  describe(`a store holding settings that no longer pass (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let app: App;
    let url: string;
    const logged: Array<{ msg: string; setting?: string }> = [];

    before(async () => {
      t = await createTestStore(engine);
      // Straight into the table, past the schema, as an older version could have.
      await t.store.settings.put({ ...BAD_VALUES[engine], tagline: 'Still valid' } as never);
      const stream = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logged.push(JSON.parse(line));
          done();
        },
      });
      const config = parseConfig({ DATA_DIR: t.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'error', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0' });
      app = await buildApp({ config, store: t.store, clock: testClock(), logger: { level: 'error', stream } });
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app?.server.close();
      await t?.cleanup();
    });

    test('the server starts and serves pages with the defaults in place of the bad values, keeping the good ones', async () => {
      const home = await fetch(`${url}/`);
      assert.equal(home.status, 200);
      const $ = cheerio.load(await home.text());
      assert.match($('title').text(), /Masthead/);
      assert.doesNotMatch($('title').text(), /Broken/);
      assert.ok($('body').text().includes('Still valid') || $('meta[name="description"]').attr('content')?.includes('Still valid'), 'the valid tagline is kept');
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
      const settings = app.site.current.settings;
      assert.deepEqual([settings.title, settings.timezone, settings.postsPerPage], ['Masthead', 'UTC', 20]);
    });

    test('each bad value is reported once, with its key, however often the settings are read again', async () => {
      await app.site.reload();
      await app.site.reload();
      const reported = logged.filter((line) => line.setting !== undefined).map((line) => line.setting).sort();
      assert.deepEqual(reported, ['postsPerPage', 'retired', 'timezone', 'title']);
    });
  });
}
