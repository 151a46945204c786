import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNewsroomApp } from '../../scripts/build-newsroom.js';
import { buildApp, type AppDependencies } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import type { Store } from '../../src/content/store.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { newsroomRoutes } from '../../src/newsroom/routes.js';
import { testClock } from './factories.js';
import { TEST_SITE_URL, type RunningServer } from './server.js';

/** The admin app bundled into a folder of its own, as `npm run build` does into dist/newsroom/. */
export async function buildNewsroomForTest(): Promise<{ dir: string; inputs: string[]; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'masthead-newsroom-'));
  const built = await buildNewsroomApp({ outDir: dir });
  return { dir, inputs: built.inputs, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The real app with the newsroom served from `assetsDir`. It is handed to
 * buildApp, and registered here only when the app does not serve /admin
 * itself yet (before the composition root registers the newsroom).
 */
export async function startNewsroomServer(input: { store: Store; dataDir: string; mailer?: Mailer; assetsDir: string }): Promise<RunningServer> {
  const config = parseConfig({ DATA_DIR: input.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0' });
  const deps: AppDependencies & { newsroomAssetsDir: string } = { config, store: input.store, clock: testClock(), logger: false, mailer: input.mailer, newsroomAssetsDir: input.assetsDir };
  const app = await buildApp(deps);
  if (!app.server.hasRoute({ method: 'GET', url: '/admin' })) await app.server.register(newsroomRoutes, { assetsDir: input.assetsDir });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  return { url, app, get: (path, init) => fetch(url + path, { redirect: 'manual', ...init }), close: () => app.server.close() };
}
