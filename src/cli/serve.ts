import cluster from 'node:cluster';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { systemClock } from '../lib/clock.js';
import { seedIfEmpty } from '../demo/seed-on-start.js';
import { sweepOnStart } from '../import/staging-sweep.js';
import { openMediaStorage } from '../media-storage/open-media-storage.js';
import { openStore, storeLocation, type OpenOptions, type StoreLocation } from '../store/open-store.js';
import type { SqlStore } from '../store/sql-store.js';
import { isStoreUnavailable } from '../lib/unavailable.js';

/**
 * `masthead serve`. With WORKERS=1 (the default) one process does everything.
 * With more, this process prepares the store (migrations, demo seed) once and
 * then runs that many HTTP workers sharing the port; they are stateless, like
 * instances behind a load balancer.
 */
export async function runServe(config: Readonly<Config>): Promise<number> {
  if (cluster.isWorker) return serveHttp(config, { shouldPrepare: false });
  if (config.workers === 1) return serveHttp(config, { shouldPrepare: true });
  // Workers load their code while the store is prepared, and open it only
  // when told it is ready: starting takes as long as the slower of the two.
  const workers = superviseWorkers(config.workers);
  await prepareStore(config);
  workers.storeIsReady();
  return 0;
}

const STORE_READY = 'masthead:store-ready';
const IS_STORE_READY = 'masthead:is-store-ready';

/** In a worker: resolves once the primary says the store is prepared. Asks, so no answer is lost to a late listener. */
function storeReady(): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (message !== STORE_READY) return;
      process.off('message', onMessage);
      resolve();
    };
    process.on('message', onMessage);
    process.send?.(IS_STORE_READY);
  });
}

/** How long a start waits between attempts to reach a store that is down, at most. */
const OPEN_RETRY_MAX_MS = 5_000;

/**
 * Opens the store (and migrates, when asked), waiting for it while it cannot
 * be reached: a process started during an outage (a deploy, a worker the
 * supervisor restarts) serves as soon as the database is back instead of
 * exiting, which with several workers would restart them in a loop. Any other
 * failure (a migration that fails, a bad URL) stops the start as before.
 */
async function openStoreWhenReachable(location: StoreLocation, options: Pick<OpenOptions, 'shouldMigrate' | 'prepare'>): Promise<SqlStore> {
  for (let attempt = 1; ; attempt++) {
    try {
      const store = await openStore(location, options);
      try {
        await store.ping();
        return store;
      } catch (error) {
        await store.close().catch(() => undefined);
        throw error;
      }
    } catch (error) {
      if (!isStoreUnavailable(error)) throw error;
      if (attempt === 1) process.stderr.write(`masthead: the ${location.engine} store cannot be reached (${(error as Error).message}); waiting for it\n`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, OPEN_RETRY_MAX_MS)));
    }
  }
}

/**
 * The demo seed, run under the store's start lock after the migrations: of
 * instances starting together on an empty store, one seeds and the others
 * find the article there (and write no pictures).
 */
function seedUnderStartLock(config: Readonly<Config>): { prepare: NonNullable<OpenOptions['prepare']>; isSeeded(): boolean } {
  let isSeeded = false;
  return {
    prepare: async (store) => {
      isSeeded = await seedIfEmpty({ config, store, clock: systemClock });
    },
    isSeeded: () => isSeeded,
  };
}

async function prepareStore(config: Readonly<Config>): Promise<void> {
  mkdirSync(join(config.dataDir, 'media'), { recursive: true });
  const seed = seedUnderStartLock(config);
  const store = await openStoreWhenReachable(storeLocation(config), { shouldMigrate: true, prepare: seed.prepare });
  try {
    if (seed.isSeeded()) process.stdout.write('Seeded the demo article into the empty store.\n');
    const mediaStorage = openMediaStorage(config);
    const swept = await sweepOnStart({ mediaDir: join(config.dataDir, 'media'), storage: mediaStorage, store }).finally(() => mediaStorage.close());
    if (swept) process.stdout.write(`${swept}\n`);
  } finally {
    await store.close();
  }
}

/** Keeps `count` workers running; on SIGTERM/SIGINT passes the signal on and exits when they have. */
function superviseWorkers(count: number): { storeIsReady(): void } {
  let isStopping = false;
  let isReady = false;
  const waiting = new Set<import('node:cluster').Worker>();
  cluster.on('message', (worker, message) => {
    if (message !== IS_STORE_READY) return;
    if (isReady) worker.send(STORE_READY);
    else waiting.add(worker);
  });
  // A smaller young generation keeps each worker's memory near 115 MB instead
  // of 135 MB under load, at no throughput cost measured by `npm run bench`.
  cluster.setupPrimary({ execArgv: [...process.execArgv, '--max-semi-space-size=8'] });
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (isStopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    process.stderr.write(`masthead: worker ${worker.process.pid} stopped (${signal ?? code}); starting another\n`);
    cluster.fork();
  });
  const stop = () => {
    if (isStopping) return;
    isStopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return {
    storeIsReady() {
      isReady = true;
      for (const worker of waiting) if (worker.isConnected()) worker.send(STORE_READY);
      waiting.clear();
    },
  };
}

/** How late a scheduled post may go out, at most. */
const SCHEDULER_INTERVAL_MS = 15_000;

/** Serves HTTP until SIGTERM/SIGINT, then drains requests in flight and closes the store. */
async function serveHttp(config: Readonly<Config>, options: { shouldPrepare: boolean }): Promise<number> {
  const ready = cluster.isWorker ? storeReady() : Promise.resolve();
  const location = storeLocation(config);
  // The media folder or bucket (MEDIA_STORAGE), one for everything this process does with files.
  const mediaStorage = openMediaStorage(config);
  if (options.shouldPrepare) mkdirSync(join(config.dataDir, 'media'), { recursive: true });
  const { buildApp } = await import('../app.js');
  await ready;
  const seed = seedUnderStartLock(config);
  const store = await openStoreWhenReachable(location, { shouldMigrate: options.shouldPrepare, ...(options.shouldPrepare ? { prepare: seed.prepare } : {}) });
  // Changes committed by any process or machine reach this one within a second (src/change-bus/).
  const { openChangeBus } = await import('../change-bus/open-change-bus.js');
  let logChangeError: (error: unknown) => void = () => undefined;
  const changeBus = await openChangeBus({ location, store, applicationName: config.instanceName ? `masthead-changes:${config.instanceName}`.slice(0, 63) : 'masthead-changes', onError: (error) => logChangeError(error) });
  const { server, drain, cdnPurger } = await buildApp({ config, store, changeBus, mediaStorage });
  // An outage is logged once by the app, not by each read of the bus it fails.
  logChangeError = (error) => isStoreUnavailable(error) || server.log.warn({ err: error }, `change signals: ${(error as Error).message}`);
  if (seed.isSeeded()) server.log.info('seeded the demo article into the empty store');
  // Files a killed import left in the media folder's staging area; an import still running elsewhere keeps its own.
  const swept = options.shouldPrepare ? await sweepOnStart({ mediaDir: join(config.dataDir, 'media'), storage: mediaStorage, store }) : undefined;
  if (swept) server.log.warn(swept);
  // Every process publishes what is due, at start (so a post due while the site was down goes out at
  // once) and every few seconds; a post is claimed by one conditional UPDATE, so it goes out once.
  const { startScheduler } = await import('../operations/editorial/scheduler.js');
  const stopScheduler = startScheduler({
    context: { store, clock: systemClock },
    intervalMs: SCHEDULER_INTERVAL_MS,
    // An outage is logged once by the app, not every interval it lasts; what is due goes out when the store is back.
    onError: (error, postId) => isStoreUnavailable(error) || server.log.error({ err: error, postId }, 'could not publish a scheduled post'),
  });
  // Long work (re-rendering after a settings change, picture sizes) runs as jobs kept in the store:
  // every process runs a runner, and each job is claimed by one of them at a time (src/jobs/).
  const { startJobRunner, runnerName } = await import('../jobs/job-runner.js');
  const { jobHandlers } = await import('../jobs/handlers/index.js');
  const { lazyImageIngest } = await import('../media/lazy-ingest.js');
  const jobRunner = startJobRunner({
    store,
    clock: systemClock,
    handlers: jobHandlers({ store, clock: systemClock, images: lazyImageIngest({ storage: mediaStorage }), cdnPurger }),
    name: runnerName(config.instanceName ?? hostname()),
    leaseMs: config.jobLeaseMs,
    onError: (error, jobId) => isStoreUnavailable(error) || server.log.error({ err: error, jobId }, 'a job failed'),
    onFinished: (job, outcome) => server.log.info({ jobId: job.id, kind: job.kind, outcome }, 'job finished'),
  });
  // A job queued anywhere (it records a 'jobs' change) wakes the runners at once rather than at their next look (every 1.5 s).
  const stopWaking = changeBus.subscribe((signal) => {
    if (signal.kind === 'jobs' || signal.kind === 'resync') jobRunner.wake();
  });
  // Pictures an import stored without their sizes get them from a `picture-sizes` job, queued when some wait.
  const { startPictureSizer } = await import('../operations/media-library/picture-sizer.js');
  const stopSizer = startPictureSizer({
    context: { store, clock: systemClock },
    intervalMs: SCHEDULER_INTERVAL_MS,
    onError: (error) => isStoreUnavailable(error) || server.log.error({ err: error }, 'could not queue the sizes of imported pictures'),
  });


  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    try {
      // The balancer is told first (/readyz answers 503) and given SHUTDOWN_DRAIN_S to stop sending;
      // pages are served all the while. Then no new connection is accepted, idle ones are closed, a
      // request arriving on a busy one gets Fastify's 503 with Connection: close (a balancer retries it
      // on another instance), and the requests in flight finish.
      drain.start();
      if (config.drainMs > 0) {
        server.log.info({ signal, drainMs: config.drainMs }, 'draining: /readyz answers 503 while the balancer takes this instance out');
        await new Promise((resolve) => setTimeout(resolve, config.drainMs));
      }
      server.log.info({ signal }, 'stopping: finishing requests in flight');
      await server.close();
      await changeBus.close();
      await stopScheduler();
      await stopSizer();
      // A job in progress stops after its step and is given back from its checkpoint for another process.
      stopWaking();
      await jobRunner.stop();
      await store.close();
      await mediaStorage.close();
      process.exitCode = 0;
    } catch (error) {
      server.log.error({ err: error }, 'error while stopping');
      process.exitCode = 1;
    }
    if (cluster.isWorker) process.exit();
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await server.listen({ port: config.port, host: config.host });
  server.log.info(`Masthead is serving ${config.siteUrl} (${location.engine} store${cluster.isWorker ? `, worker ${process.pid}` : ''})`);
  return 0;
}
