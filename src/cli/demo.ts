import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { createSharpIngest } from '../media/sharp-ingest.js';
import { openMediaStorage } from '../media-storage/open-media-storage.js';
import { seedIfEmpty } from '../demo/seed-on-start.js';
import { addSyntheticArticles, createPool } from '../demo/synthetic.js';
import { openStore, storeLocation } from '../store/open-store.js';

const MAX_ARTICLES = 1_000_000;

function positiveInteger(flag: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback !== undefined) return fallback;
    throw new AppError('BAD_REQUEST', `--${flag} is required, e.g. --${flag} 1000`);
  }
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > MAX_ARTICLES) {
    throw new AppError('BAD_REQUEST', `--${flag} must be a whole number from 1 to ${MAX_ARTICLES} (got "${text}")`);
  }
  return Number(text);
}

export async function runDemo(config: Readonly<Config>, flags: { articles?: string; seed?: string }): Promise<number> {
  const count = positiveInteger('articles', flags.articles);
  const seed = positiveInteger('seed', flags.seed, 7);
  const store = await openStore(storeLocation(config));
  const mediaStorage = openMediaStorage(config);
  const images = createSharpIngest({ storage: mediaStorage });
  const context = { store, clock: systemClock, images };
  const isTty = process.stderr.isTTY === true;
  try {
    if (await store.withStartLock(() => seedIfEmpty({ config, store, clock: systemClock, mediaStorage }))) process.stderr.write('Seeded the reference article.\n');
    process.stderr.write('Preparing sections, writers, tags and pictures…\n');
    const pool = await store.transaction((tx) => createPool({ ...context, store: tx }));
    const bar = new cliProgress.SingleBar(
      { format: 'Articles |{bar}| {value}/{total} · {percentage}% · ETA {eta_formatted}', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    bar.start(count, 0);
    const started = Date.now();
    await addSyntheticArticles(context, { count, pool, seed, onProgress: (done) => bar.update(done) });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`${isTty ? '' : '\n'}Added ${count} articles in ${seconds.toFixed(1)} s.\n`);
    return 0;
  } finally {
    await store.close();
    await mediaStorage.close();
  }
}
