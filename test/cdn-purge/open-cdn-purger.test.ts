import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config.js';
import { openCdnPurger } from '../../src/cdn-purge/open-cdn-purger.js';
import { startPurgeReceiver } from './purge-receiver.js';

test('no CDN_PURGE, no purger', () => {
  assert.equal(openCdnPurger(parseConfig({}).cdn), undefined);
});

test('CDN_PURGE picks the driver, which purges at the address and with the credential the configuration gives', async () => {
  const receiver = await startPurgeReceiver();
  try {
    const environments: Array<Record<string, string>> = [
      { CDN_PURGE: 'varnish', VARNISH_PURGE_URLS: `${receiver.url}/` },
      { CDN_PURGE: 'fastly', FASTLY_SERVICE_ID: 'svc1', FASTLY_API_TOKEN: 'fastly-purge-token', FASTLY_API_URL: receiver.url },
      { CDN_PURGE: 'cloudflare', CLOUDFLARE_ZONE_ID: 'zone1', CLOUDFLARE_API_TOKEN: 'cloudflare-purge-token', CLOUDFLARE_API_URL: receiver.url },
    ];
    const names: string[] = [];
    for (const env of environments) {
      const purger = openCdnPurger(parseConfig(env).cdn)!;
      names.push(purger.name);
      await purger.purge(['post-12']);
      await purger.close();
    }
    assert.deepEqual(names, ['varnish', 'fastly', 'cloudflare']);
    assert.deepEqual(
      receiver.requests.map((request) => [request.method, request.path, request.headers['xkey-purge'] ?? request.headers['fastly-key'] ?? request.headers.authorization]),
      [
        ['PURGE', '/', 'post-12'],
        ['POST', '/service/svc1/purge', 'fastly-purge-token'],
        ['POST', '/zones/zone1/purge_cache', 'Bearer cloudflare-purge-token'],
      ],
    );
  } finally {
    await receiver.close();
  }
});
