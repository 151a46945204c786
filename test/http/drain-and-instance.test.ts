import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';

/** The instance header and the drain, in one process: through a socket and through inject (no socket). */
for (const engine of ENGINES) {
  describe(`INSTANCE_NAME and the drain (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let unnamed: RunningServer;

    before(async () => {
      t = await createTestStore(engine);
      await createArticles(t.store, await createBasics(t.store), { count: 1 });
      server = await startServer({ store: t.store, dataDir: t.dataDir, env: { INSTANCE_NAME: 'web-1' } });
      unnamed = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await unnamed?.close();
      await t?.cleanup();
    });

    test('the header names the instance on pages, 404s, API errors and /readyz, with or without a socket', async () => {
      for (const path of ['/', '/no-such-page/', '/api/admin/me', '/readyz', '/healthz']) {
        const response = await server.get(path);
        await response.arrayBuffer();
        assert.equal(response.headers.get('x-masthead-instance'), 'web-1', path);
        const injected = await server.app.server.inject({ method: 'GET', url: path });
        assert.equal(injected.headers['x-masthead-instance'], 'web-1', `${path} (inject)`);
      }
    });

    test('without INSTANCE_NAME no header is sent', async () => {
      const response = await unnamed.get('/');
      await response.arrayBuffer();
      assert.equal(response.headers.get('x-masthead-instance'), null);
    });

    test('once draining, /readyz answers 503 and pages still answer 200, asking the client to close the connection', async () => {
      const ready = await unnamed.get('/readyz');
      assert.equal(ready.status, 200);
      const body = (await ready.json()) as { status: string; responseCache?: { entries: number; bytes: number; maxBytes: number } };
      assert.equal(body.status, 'ready');
      // With how full the response cache is, for an operator sizing CACHE_MAX_MB.
      assert.equal(body.responseCache?.maxBytes, 64 * 1024 * 1024);
      unnamed.app.drain.start();
      const draining = await unnamed.get('/readyz');
      assert.equal(draining.status, 503);
      assert.equal(draining.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await draining.json(), { status: 'draining' });
      const page = await unnamed.get('/');
      await page.arrayBuffer();
      assert.equal(page.status, 200);
      assert.equal(page.headers.get('connection'), 'close');
    });
  });
}
