import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../helpers/cli-process.js';
import { startPurgeReceiver } from '../cdn-purge/purge-receiver.js';

/**
 * A command that writes purges the CDN as the newsroom does: `masthead
 * settings` changes what every page shows, so it purges `site` before it
 * exits (twice: again past the reach of the change bus), and a command that
 * only reads purges nothing.
 */
describe('masthead settings with CDN_PURGE', () => {
  test('purges the tag every answer carries; a read purges nothing', { timeout: 120_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'masthead-cli-purge-'));
    const receiver = await startPurgeReceiver();
    try {
      const env = { DATA_DIR: dataDir, MASTHEAD_DEMO: '0', CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'zone1', CLOUDFLARE_API_TOKEN: 'test-token-123', CLOUDFLARE_API_URL: receiver.url };
      assert.equal((await run(['migrate'], env)).code, 0);
      const read = await run(['settings'], env);
      assert.equal(read.code, 0, read.stderr);
      assert.equal(receiver.requests.length, 0, 'reading the settings purges nothing');
      const changed = await run(['settings', 'title=Purged Daily'], env);
      assert.equal(changed.code, 0, changed.stderr);
      assert.deepEqual(
        receiver.requests.map((r) => ({ method: r.method, path: r.path, body: r.body })),
        [1, 2].map(() => ({ method: 'POST', path: '/zones/zone1/purge_cache', body: { tags: ['site'] } })),
      );
      assert.equal(receiver.requests[0]!.headers.authorization, 'Bearer test-token-123');
    } finally {
      await receiver.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
