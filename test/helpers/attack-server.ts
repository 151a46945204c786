import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Store } from '../../src/content/store.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { testClock } from './factories.js';
import { TEST_SITE_URL, type RunningServer } from './server.js';

export interface LogLine {
  level: number;
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
  [key: string]: unknown;
}

/**
 * The real app on a real port, as test/helpers/server.ts starts it, but with
 * its log kept in memory: an attack test fails on any `request failed` line,
 * not only on the status codes it sees (a 4xx answered after an error was
 * logged still hides a defect).
 */
export async function startLoggedServer(input: { store: Store; dataDir: string; mailer?: Mailer; newsroomAssetsDir?: string }): Promise<RunningServer & { logs: LogLine[] }> {
  const logs: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) {
        if (!line.trim()) continue;
        try {
          logs.push(JSON.parse(line) as LogLine);
        } catch {
          logs.push({ level: 60, msg: `unparsable log line: ${line}` });
        }
      }
      done();
    },
  });
  // The per-address limit would answer most expensive requests 429 after the first 120, and the fuzz would stop reaching their handlers; it is tested on its own (test/http/expensive-routes.test.ts).
  const config = parseConfig({ DATA_DIR: input.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0', PUBLIC_RATE_LIMIT: '0' });
  const app = await buildApp({ config, store: input.store, clock: testClock(), logger: { level: 'warn', stream }, mailer: input.mailer, newsroomAssetsDir: input.newsroomAssetsDir });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    app,
    logs,
    get: (path, init) => fetch(url + path, { redirect: 'manual', ...init }),
    close: () => app.server.close(),
  };
}
