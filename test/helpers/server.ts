import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Store } from '../../src/content/store.js';
import type { Clock } from '../../src/lib/clock.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { testClock } from './factories.js';

export const TEST_SITE_URL = 'https://news.example';

export interface RunningServer {
  url: string;
  app: App;
  get(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

/** The real app on a real port, so tests go through HTTP as a reader's browser does. */
export async function startServer(input: {
  store: Store;
  dataDir: string;
  clock?: Clock;
  mailer?: Mailer;
  newsroomAssetsDir?: string;
  /** More configuration, e.g. `{ TRUST_PROXY: '1' }`. The per-address limit on feeds, search and /wp-json/ is off unless a test sets `PUBLIC_RATE_LIMIT`. */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const config = parseConfig({ DATA_DIR: input.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0', PUBLIC_RATE_LIMIT: '0', ...input.env });
  const app = await buildApp({ config, store: input.store, clock: input.clock ?? testClock(), logger: false, mailer: input.mailer, newsroomAssetsDir: input.newsroomAssetsDir });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    get: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    close: () => app.server.close(),
  };
}

/** A mailer that keeps what it is given, for tests to read the links in it. */
export function keepingMailer(): Mailer & { sent: Array<{ to: string; subject: string; text: string }>; lastLink(): string } {
  const sent: Array<{ to: string; subject: string; text: string }> = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    lastLink() {
      const match = /https?:\/\/\S+/.exec(sent.at(-1)?.text ?? '');
      if (!match) throw new Error('no email with a link was sent');
      return match[0];
    },
  };
}
