import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { systemClock } from '../lib/clock.js';
import { seedIfEmpty } from '../demo/seed-on-start.js';
import { openStore, storeLocation } from '../store/open-store.js';

/** Starts the server and keeps it up until SIGTERM/SIGINT, then drains requests in flight and closes the store. */
export async function runServe(config: Readonly<Config>): Promise<number> {
  mkdirSync(join(config.dataDir, 'media'), { recursive: true });
  const location = storeLocation(config);
  const store = await openStore(location);
  const isSeeded = await seedIfEmpty({ config, store, clock: systemClock });
  const { server } = await buildApp({ config, store });
  if (isSeeded) server.log.info('seeded the demo article into the empty store');

  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    server.log.info({ signal }, 'stopping: finishing requests in flight');
    try {
      await server.close();
      await store.close();
      process.exitCode = 0;
    } catch (error) {
      server.log.error({ err: error }, 'error while stopping');
      process.exitCode = 1;
    }
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await server.listen({ port: config.port, host: config.host });
  server.log.info(`Masthead is serving ${config.siteUrl} (${location.engine} store)`);
  return 0;
}
