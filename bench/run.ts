/**
 * Masthead's performance floors, measured against nginx serving the same article
 * as a static file on the same machine. Usage: npm run bench -- --help
 * The report goes to stdout; progress and child output go to stderr.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE, UsageError, parseBenchArgs } from './args.js';
import type { BenchOptions } from './args.js';
import { fetchPage, measurePage, readMemory, seedDemo, startServer, waitForOk } from './masthead.js';
import { startNginx } from './nginx.js';
import { describeExit, freePort, stop } from './proc.js';
import { ARTICLE, NGINX, PG_ARTICLE, floors, formatReport, wrkProblems, writeResults } from './report.js';
import { startCpuWindow, withChildren, type Watched } from './cpu.js';
import { createBenchDatabase, type BenchDatabase } from './postgres.js';
import type { Measurements, TargetResult } from './report.js';
import { ensureTools } from './tools.js';
import type { Tools } from './tools.js';
import { parseWrk, runWrk } from './wrk.js';

const ARTICLE_PATH = '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/';
const TAG_PATH = '/tag/kanye-west/';
const WARM_UP_SECONDS = 2;
/** DATABASE_POOL_MAX's default, which the bench leaves as it is: connections per server process. */
const DEFAULT_POOL_MAX = 10;

// Run newest first, once, whether the bench ends normally, throws or is interrupted.
const cleanups: Array<() => Promise<unknown>> = [];
let cleaning: Promise<void> | null = null;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`bench: cleanup step failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

// Ctrl-C reaches wrk too, which then exits as if done; this flag stops the next run from starting.
let interruptedBy: NodeJS.Signals | null = null;

class Interrupted extends Error {}

function checkInterrupted(): void {
  if (interruptedBy) throw new Interrupted(`interrupted by ${interruptedBy}`);
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    interruptedBy = signal;
    process.stderr.write(`\nbench: ${signal}, stopping the server and nginx and removing temp files\n`);
    void cleanUp().finally(() => process.exit(code));
  });
}

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

interface Target {
  name: string;
  url: string;
  /** The processes whose CPU time the requests cost (see cpu.ts). */
  watch: () => Promise<Watched[]>;
}

async function measureTargets(tools: Tools, options: BenchOptions, targets: Target[]): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const { name, url, watch } of targets) {
    checkInterrupted();
    process.stderr.write(`bench: ${name}: ${WARM_UP_SECONDS} s warm-up, then ${options.durationSeconds} s measured (${url})\n`);
    const common = { connections: options.connections };
    try {
      // Lets V8 optimise the hot paths and fills caches, so the measured run sees the steady state.
      await runWrk(tools.wrk, url, { ...common, durationSeconds: WARM_UP_SECONDS, withLatency: false });
      checkInterrupted();
      const window = await startCpuWindow(watch);
      const wrk = parseWrk(await runWrk(tools.wrk, url, { ...common, durationSeconds: options.durationSeconds, withLatency: true }));
      const cpu = await window.end(wrk.requests);
      results.push({ name, url, wrk, cpu, error: null });
    } catch (error) {
      if (error instanceof Interrupted) throw error;
      // One broken target should not hide the numbers for the others.
      process.stderr.write(`bench: ${name}: ${(error as Error).message}\n`);
      results.push({ name, url, wrk: null, cpu: null, error: (error as Error).message });
    }
  }
  return results;
}

/** A server's processes (the primary and its workers), and, on PostgreSQL, the backends serving its connections. */
function processesOf(pid: number | undefined, database?: BenchDatabase): () => Promise<Watched[]> {
  return async () => {
    const app = pid === undefined ? [] : (await withChildren(pid)).map((p) => ({ pid: p, role: 'app' as const }));
    const db = database?.isLocal ? (await database.backendPids()).map((p) => ({ pid: p, role: 'db' as const })) : [];
    return [...app, ...db];
  };
}

/** The same pages served by Masthead on PostgreSQL: a database of the run's own, seeded as the SQLite store was. */
async function measurePostgres(tools: Tools, options: BenchOptions, adminUrl: string): Promise<Measurements['postgres']> {
  const database = await createBenchDatabase(adminUrl);
  cleanups.push(() => database.drop());
  const dataDir = await tempDir('masthead-bench-pg-data-');
  await seedDemo(dataDir, options.articles, database.url);
  await database.analyze();
  checkInterrupted();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(dataDir, port, options.workers, database.url);
  cleanups.push(() => stop(server, ['SIGTERM'], 10_000));
  await waitForOk(`${base}/healthz`, server, performance.now());
  for (const path of [ARTICLE_PATH, '/', TAG_PATH]) await fetchPage(base + path);
  const watch = processesOf(server.child.pid, database);
  const targets = await measureTargets(tools, options, [
    { name: PG_ARTICLE, url: base + ARTICLE_PATH, watch },
    { name: 'Masthead home on PostgreSQL', url: `${base}/`, watch },
    { name: 'Masthead tag on PostgreSQL', url: base + TAG_PATH, watch },
  ]);
  checkInterrupted();
  if (server.hasExited()) throw new Error(`the PostgreSQL server died during the runs (${describeExit(await server.exited)})`);
  return { isBackendCpuRead: database.isLocal, poolMax: DEFAULT_POOL_MAX, targets };
}

async function bench(options: BenchOptions): Promise<number> {
  const tools = await ensureTools();
  const m: Measurements = { options, startToFirstResponseMs: null, articlePage: null, memory: null, targets: [], postgres: null };

  const dataDir = await tempDir('masthead-bench-data-');
  await seedDemo(dataDir, options.articles);

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Node loads fetch's HTTP client on first use; do that now so it is not billed to the server's start.
  await fetch(`${base}/healthz`).catch(() => undefined);
  const spawnedAt = performance.now();
  const server = startServer(dataDir, port, options.workers);
  cleanups.push(async () => {
    const exit = await stop(server, ['SIGTERM'], 10_000);
    if (exit && exit.code !== 0 && exit.signal !== 'SIGTERM') process.stderr.write(`bench: server ended with ${describeExit(exit)}\n`);
  });
  m.startToFirstResponseMs = await waitForOk(`${base}/healthz`, server, spawnedAt);

  // Fetched once up front, so a missing page fails loudly instead of wrk timing 404s.
  const article = await fetchPage(base + ARTICLE_PATH);
  await fetchPage(`${base}/`);
  await fetchPage(base + TAG_PATH);
  m.articlePage = measurePage(article);

  const nginxDir = await tempDir('masthead-bench-nginx-');
  const nginxPort = await freePort();
  const nginx = await startNginx(tools.nginx, { dir: nginxDir, port: nginxPort, pages: { [ARTICLE_PATH]: article }, workers: options.workers });
  cleanups.push(() => stop(nginx, ['SIGQUIT', 'SIGTERM'], 5_000));
  const nginxUrl = `http://127.0.0.1:${nginxPort}${ARTICLE_PATH}`;
  await waitForOk(nginxUrl, nginx, performance.now(), 10_000);
  const copy = await fetchPage(nginxUrl);
  if (!copy.equals(article)) throw new Error(`nginx serves ${copy.byteLength} B at ${nginxUrl}, not the ${article.byteLength} B article`);

  const app = processesOf(server.child.pid);
  m.targets = await measureTargets(tools, options, [
    { name: NGINX, url: nginxUrl, watch: processesOf(nginx.child.pid) },
    { name: ARTICLE, url: base + ARTICLE_PATH, watch: app },
    { name: 'Masthead home', url: `${base}/`, watch: app },
    { name: 'Masthead tag', url: base + TAG_PATH, watch: app },
  ]);

  checkInterrupted();
  if (server.hasExited()) throw new Error(`the server died during the runs (${describeExit(await server.exited)})`);
  // VmHWM is the kernel's high-water mark of resident memory, so reading it after the runs covers all of them.
  if (server.child.pid !== undefined) m.memory = await readMemory(server.child.pid);

  if (options.postgresUrl) {
    // The SQLite server is stopped first, so the PostgreSQL runs have the machine as the SQLite runs had it.
    await stop(server, ['SIGTERM'], 10_000);
    m.postgres = await measurePostgres(tools, options, options.postgresUrl);
  }

  const floorList = floors(m);
  const problems = wrkProblems(m);
  const isOk = floorList.every((f) => f.isMet) && problems.length === 0;
  process.stdout.write(formatReport(m, floorList, problems));
  const file = await writeResults(m, floorList, problems, isOk);
  process.stdout.write(`\n${isOk ? 'All floors met.' : 'FAILED: see above.'} Results written to ${file}\n`);
  return isOk ? 0 : 1;
}

async function main(): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(USAGE);
    return 0;
  }
  try {
    return await bench(options);
  } catch (error) {
    // After a signal, failures are just the fallout of stopping things; the handler reports and exits.
    if (interruptedBy === null) process.stderr.write(`bench: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await cleanUp();
  }
}

process.exitCode = await main();
