import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildNewsroomApp } from '../../scripts/build-newsroom.js';
import type { Store } from '../../src/content/store.js';
import type { Mailer } from '../../src/mail/mailer.js';
import { startServer, type RunningServer } from './server.js';

/** The admin app bundled into a folder of its own, as `npm run build` does into dist/newsroom/. */
export async function buildNewsroomForTest(): Promise<{ dir: string; inputs: string[]; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'masthead-newsroom-'));
  const built = await buildNewsroomApp({ outDir: dir });
  return { dir, inputs: built.inputs, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The real app, over HTTP, with the newsroom served from `assetsDir`. */
export function startNewsroomServer(input: { store: Store; dataDir: string; mailer?: Mailer; assetsDir: string }): Promise<RunningServer> {
  return startServer({ store: input.store, dataDir: input.dataDir, mailer: input.mailer, newsroomAssetsDir: input.assetsDir });
}
