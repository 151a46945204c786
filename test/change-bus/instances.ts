import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { openChangeBus } from '../../src/change-bus/open-change-bus.js';
import type { ChangeBus, ChangeSignal } from '../../src/change-bus/change-bus.js';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { TEST_SITE_URL } from '../helpers/server.js';
import { testClock } from '../helpers/factories.js';

/** One instance of the site as serve.ts builds it: its own store connections, its own change bus, its own port. */
export interface Instance {
  url: string;
  store: SqlStore;
  bus: ChangeBus;
  /** Every signal this instance's bus delivered, in order. */
  signals: ChangeSignal[];
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startInstance(input: { location: StoreLocation; dataDir: string; applicationName?: string; store?: SqlStore }): Promise<Instance> {
  const store = input.store ?? (await openStore(input.location, { shouldMigrate: false }));
  const bus = await openChangeBus({ location: input.location, store, applicationName: input.applicationName, onError: () => undefined });
  const signals: ChangeSignal[] = [];
  bus.subscribe((signal) => void signals.push(signal));
  const config = parseConfig({ DATA_DIR: input.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0', PUBLIC_RATE_LIMIT: '0' });
  const app = await buildApp({ config, store, clock: testClock(), logger: false, changeBus: bus });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    bus,
    signals,
    get: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    async close() {
      await app.server.close();
      await bus.close();
      if (!input.store) await store.close();
    },
  };
}

/** Resolves with how long it took once `check` is true; rejects once `withinMs` have passed without it. */
export async function within(withinMs: number, what: string, check: () => Promise<boolean> | boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await check()) return performance.now() - started;
    if (performance.now() - started > withinMs) throw new Error(`${what}: not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The site's title as a page shows it. */
export async function shownTitle(instance: Instance): Promise<string | undefined> {
  const html = await (await instance.get('/')).text();
  return /<a class="brand" href="\/">([^<]*)<\/a>/.exec(html)?.[1];
}
