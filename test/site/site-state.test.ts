import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { SiteState } from '../../src/site/site-state.js';
import { updateSettings } from '../../src/operations/settings.js';

describe('the in-memory site settings', () => {
  let t: TestStore;
  before(async () => {
    t = await createTestStore('sqlite');
  });
  after(async () => {
    await t?.cleanup();
  });

  test('pick up a change made elsewhere (another process, the CLI) without a restart', async () => {
    const site = new SiteState({ store: t.store, siteUrl: 'https://news.example' });
    await site.reload();
    assert.equal(site.current.settings.ampEnabled, false);
    const errors: unknown[] = [];
    const stop = site.refreshEvery(20, (error) => errors.push(error));
    try {
      await updateSettings({ store: t.store, clock: testClock() }, { ampEnabled: true, title: 'Changed elsewhere' });
      const deadline = Date.now() + 2000;
      while (site.current.settings.title !== 'Changed elsewhere' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      assert.equal(site.current.settings.title, 'Changed elsewhere');
      assert.equal(site.current.settings.ampEnabled, true);
      assert.ok(site.current.chrome.top.toString().includes('Changed elsewhere'), 'the page chrome is rebuilt too');
      assert.deepEqual(errors, []);
    } finally {
      stop();
    }
  });
});
