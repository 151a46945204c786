/**
 * The same pages served by Masthead on PostgreSQL, from a database of the
 * run's own seeded as the SQLite store was: first with the response cache off,
 * so each request goes through the store (the rows compared with SQLite's
 * cold article), then with it on, for the cached article.
 */
import type { BenchOptions } from './args.js';
import { warmCache } from './cached-pages.js';
import { checkInterrupted, onCleanUp, tempDir } from './lifecycle.js';
import { checkAlive, launchServer } from './launch.js';
import { fetchPage, readMemory, seedDemo } from './masthead.js';
import { measureTargets, processesOf } from './measure.js';
import { createBenchDatabase } from './postgres.js';
import type { Measurements, ServerMemory } from './report.js';
import { ARTICLE_PATH, NGINX_ARTICLE, PG_CACHED_ARTICLE, PG_COLD_ARTICLE, PG_COLD_HOME, PG_COLD_TAG, TAG_PATH } from './rows.js';
import type { Tools } from './tools.js';

/** DATABASE_POOL_MAX's default, which the bench leaves as it is: connections per server process. */
const DEFAULT_POOL_MAX = 10;

export async function measurePostgres({ tools, options, adminUrl }: { tools: Tools; options: BenchOptions; adminUrl: string }): Promise<{ postgres: NonNullable<Measurements['postgres']>; memory: ServerMemory[] }> {
  const database = await createBenchDatabase(adminUrl);
  onCleanUp(() => database.drop());
  const dataDir = await tempDir('masthead-bench-pg-data-');
  await seedDemo(dataDir, options.articles, database.url);
  await database.analyze();
  checkInterrupted();
  const memory: ServerMemory[] = [];

  const cold = await launchServer({ dataDir, workers: options.workers, database: database.url, cacheMaxMb: 0 });
  for (const path of [ARTICLE_PATH, '/', TAG_PATH]) await fetchPage(cold.base + path);
  let watch = processesOf(cold.running.child.pid, database);
  // Against nginx's article, as every row without a page of its own on nginx.
  const targets = await measureTargets({
    tools,
    options,
    targets: [
      { name: PG_COLD_ARTICLE, url: cold.base + ARTICLE_PATH, baseline: NGINX_ARTICLE, watch },
      { name: PG_COLD_HOME, url: `${cold.base}/`, baseline: NGINX_ARTICLE, watch },
      { name: PG_COLD_TAG, url: cold.base + TAG_PATH, baseline: NGINX_ARTICLE, watch },
    ],
  });
  checkInterrupted();
  await checkAlive(cold, 'PostgreSQL cold');
  memory.push({ server: 'PostgreSQL, cold (no cache)', memory: await readMemory(cold.running.child.pid!) });
  await cold.stop();

  const cached = await launchServer({ dataDir, workers: options.workers, database: database.url });
  await warmCache({ url: cached.base + ARTICLE_PATH, workers: options.workers });
  watch = processesOf(cached.running.child.pid, database);
  targets.push(...(await measureTargets({ tools, options, targets: [{ name: PG_CACHED_ARTICLE, url: cached.base + ARTICLE_PATH, baseline: NGINX_ARTICLE, watch }] })));
  checkInterrupted();
  await checkAlive(cached, 'PostgreSQL cached');
  memory.push({ server: 'PostgreSQL, cached', memory: await readMemory(cached.running.child.pid!) });
  await cached.stop();

  return { postgres: { isBackendCpuRead: database.isLocal, poolMax: DEFAULT_POOL_MAX, targets }, memory };
}
