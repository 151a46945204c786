import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock } from '../helpers/factories.js';
import { skipUnlessNginx, startNginx, type RunningNginx } from '../helpers/nginx.js';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Store } from '../../src/content/store.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { THROTTLES } from '../../src/operations/accounts/throttles.js';
import { openStore } from '../../src/store/open-store.js';

/**
 * TRUST_PROXY as real requests see it: which address is the client and which
 * protocol it used, for each form the variable takes, and that a client
 * writing its own X-Forwarded-For entries (rotating them on every request)
 * never escapes a per-address limit. Every request goes over a real socket
 * from 127.0.0.1, which is "hop 0", the nearest proxy.
 */
const PUBLIC_LIMIT = 4;
const PASSWORD = 'correct horse battery staple';

interface Instance {
  url: string;
  app: App;
  close(): Promise<void>;
}

/** The app on a free loopback port, with one more route that tells what the request's client looks like. */
async function startInstance(input: { store: Store; dataDir: string; trustProxy: string }): Promise<Instance> {
  const config = parseConfig({
    DATA_DIR: input.dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SITE_URL: 'https://news.example',
    MASTHEAD_DEMO: '0',
    PUBLIC_RATE_LIMIT: String(PUBLIC_LIMIT),
    TRUST_PROXY: input.trustProxy,
    // The limit guards rendering; a feed answered from the response cache renders nothing and is not counted.
    CACHE_MAX_MB: '0',
  });
  const app = await buildApp({ config, store: input.store, clock: testClock(), logger: false });
  app.server.get('/test-only/client', async (request) => ({ ip: request.ip, ips: request.ips, protocol: request.protocol }));
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.server.close() };
}

async function client(instance: Instance, headers: Record<string, string>): Promise<{ ip: string; ips: string[]; protocol: string }> {
  const response = await fetch(`${instance.url}/test-only/client`, { headers });
  assert.equal(response.status, 200);
  return (await response.json()) as { ip: string; ips: string[]; protocol: string };
}

function signIn(instance: Instance, input: { forwardedFor: string; email: string; password: string }): Promise<Response> {
  return fetch(`${instance.url}/api/admin/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': input.forwardedFor },
    body: JSON.stringify({ email: input.email, password: input.password }),
  });
}

/**
 * Each form of TRUST_PROXY, the chain of proxies it describes (what they
 * append after the client's own entries), and the address the client must be
 * seen as. 127.0.0.1 is the socket's peer, the nearest proxy.
 */
const SETUPS = [
  { trustProxy: '1', appended: '203.0.113.10', client: '203.0.113.10' },
  { trustProxy: '2', appended: '203.0.113.20, 10.1.2.3', client: '203.0.113.20' },
  { trustProxy: '127.0.0.1, 10.0.0.0/8', appended: '203.0.113.30, 10.1.2.3', client: '203.0.113.30' },
] as const;

for (const engine of ENGINES) {
  describe(`TRUST_PROXY through a real socket (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    const instances = new Map<string, Instance>();
    let direct: Instance;

    before(async () => {
      t = await createTestStore(engine);
      await createBasics(t.store);
      for (const setup of SETUPS) instances.set(setup.trustProxy, await startInstance({ store: t.store, dataDir: t.dataDir, trustProxy: setup.trustProxy }));
      direct = await startInstance({ store: t.store, dataDir: t.dataDir, trustProxy: '0' });
    });
    after(async () => {
      for (const instance of [...instances.values(), direct]) await instance?.close();
      await t?.cleanup();
    });

    test('TRUST_PROXY=0: the socket peer is the client, X-Forwarded-For and -Proto are ignored', async () => {
      const seen = await client(direct, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-proto': 'https' });
      assert.equal(seen.ip, '127.0.0.1');
      assert.equal(seen.protocol, 'http');
    });

    test('TRUST_PROXY=1: hop 0 (the socket peer) is trusted, so the client is the last entry it added, and -Proto is believed', async () => {
      const seen = await client(instances.get('1')!, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9', 'x-forwarded-proto': 'https' });
      assert.equal(seen.ip, '203.0.113.9');
      assert.equal(seen.protocol, 'https');
    });

    test('TRUST_PROXY=2: hops 0 and 1 are trusted, so the client is the second entry from the end', async () => {
      const seen = await client(instances.get('2')!, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.1.2.3', 'x-forwarded-proto': 'https' });
      assert.equal(seen.ip, '203.0.113.9');
      assert.deepEqual(seen.ips, ['127.0.0.1', '10.1.2.3', '203.0.113.9']);
      assert.equal(seen.protocol, 'https');
    });

    test('a list of addresses: the client is the nearest address not in it, however many entries come before', async () => {
      const list = instances.get('127.0.0.1, 10.0.0.0/8')!;
      assert.equal((await client(list, { 'x-forwarded-for': '198.51.100.1, 203.0.113.9, 10.1.2.3, 10.200.0.1' })).ip, '203.0.113.9');
      assert.equal((await client(list, { 'x-forwarded-for': '198.51.100.1' })).ip, '198.51.100.1');
    });

    test('a list that does not hold the socket peer believes nothing: the peer is the client and the protocol is the socket’s', async () => {
      const store = t.store;
      const elsewhere = await startInstance({ store, dataDir: t.dataDir, trustProxy: '10.0.0.0/8' });
      try {
        const seen = await client(elsewhere, { 'x-forwarded-for': '198.51.100.1, 10.1.2.3', 'x-forwarded-proto': 'https' });
        assert.equal(seen.ip, '127.0.0.1');
        assert.equal(seen.protocol, 'http');
      } finally {
        await elsewhere.close();
      }
    });

    for (const setup of SETUPS) {
      test(`TRUST_PROXY=${setup.trustProxy}: a client rotating its own X-Forwarded-For entries is still one address to the sign-in limit`, async () => {
        const instance = instances.get(setup.trustProxy)!;
        const statuses: number[] = [];
        for (let i = 0; i <= THROTTLES.signInAddress.limit; i++) {
          const response = await signIn(instance, { forwardedFor: `10.9.${i}.1, 198.18.${i}.7, ${setup.appended}`, email: `nobody${i}@elsewhere.example`, password: 'whatever it is' });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
        assert.equal(statuses.filter((status) => status === 401).length, THROTTLES.signInAddress.limit, `statuses: ${statuses.join(' ')}`);
        assert.equal(statuses.at(-1), 429);
      });

      test(`TRUST_PROXY=${setup.trustProxy}: a client rotating its own X-Forwarded-For entries is still one address to PUBLIC_RATE_LIMIT`, async () => {
        const instance = instances.get(setup.trustProxy)!;
        const statuses: number[] = [];
        for (let i = 0; i <= PUBLIC_LIMIT; i++) {
          const response = await fetch(`${instance.url}/feed/`, { headers: { 'x-forwarded-for': `10.8.${i}.1, 198.19.${i}.7, ${setup.appended}` } });
          await response.arrayBuffer();
          statuses.push(response.status);
        }
        assert.deepEqual(statuses, [...Array<number>(PUBLIC_LIMIT).fill(200), 429]);
        // The client's real address, as the proxies saw it, is what was counted: another address is not held up.
        const other = setup.appended.replace(/203\.0\.113\.(\d+)/, (_, n: string) => `203.0.113.${Number(n) + 1}`);
        assert.equal((await fetch(`${instance.url}/feed/`, { headers: { 'x-forwarded-for': other } })).status, 200);
      });
    }
  });

  describe(`sign-in limits across two instances on one store (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let secondStore: Store;
    let first: Instance;
    let second: Instance;

    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { email: 'racing@news.example', name: 'racing', password: PASSWORD, role: 'administrator' });
      // A store of its own (its own pool on PostgreSQL), as another machine has.
      secondStore = await openStore(t.location, { shouldMigrate: false });
      first = await startInstance({ store: t.store, dataDir: t.dataDir, trustProxy: '1' });
      second = await startInstance({ store: secondStore, dataDir: t.dataDir, trustProxy: '1' });
    });
    after(async () => {
      await first?.close();
      await second?.close();
      await secondStore?.close();
      await t?.cleanup();
    });

    test(`30 concurrent wrong passwords for one account, split over two instances, are checked at most ${THROTTLES.signInAccount.limit} times`, async () => {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          signIn(i % 2 === 0 ? first : second, { forwardedFor: `192.0.2.${i + 1}`, email: 'racing@news.example', password: `guess ${i}` }).then(async (response) => {
            await response.arrayBuffer();
            return response.status;
          }),
        ),
      );
      assert.equal(answers.filter((status) => status === 401).length, THROTTLES.signInAccount.limit, `statuses: ${answers.join(' ')}`);
      assert.equal(answers.filter((status) => status === 429).length, 30 - THROTTLES.signInAccount.limit);
    });
  });
}

describe('through a real nginx with TRUST_PROXY=1', { skip: skipUnlessNginx() || (await skipUnless('sqlite')) }, () => {
  let t: TestStore;
  let instance: Instance;
  let nginx: RunningNginx;

  before(async () => {
    t = await createTestStore('sqlite');
    instance = await startInstance({ store: t.store, dataDir: t.dataDir, trustProxy: '1' });
    nginx = await startNginx({ upstreams: [instance.url] });
  });
  after(async () => {
    await nginx?.stop();
    await instance?.close();
    await t?.cleanup();
  });

  test('the client is the address nginx saw and the protocol the one it was told, whatever the client wrote', async () => {
    const seen = (await (await fetch(`${nginx.url}/test-only/client`, { headers: { 'x-forwarded-for': '198.51.100.99', 'x-forwarded-proto': 'https' } })).json()) as { ip: string; protocol: string };
    assert.equal(seen.ip, '127.0.0.1');
    // nginx's recipe sets X-Forwarded-Proto to the scheme it was reached by, replacing the client's.
    assert.equal(seen.protocol, 'http');
  });

  test('rotating X-Forwarded-For through nginx does not escape PUBLIC_RATE_LIMIT', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PUBLIC_LIMIT; i++) {
      const response = await fetch(`${nginx.url}/feed/`, { headers: { 'x-forwarded-for': `10.7.${i}.1` } });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    assert.deepEqual(statuses, [...Array<number>(PUBLIC_LIMIT).fill(200), 429]);
  });
});
