import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { getOk } from './http.js';
import { describeExit, sleep, start } from './proc.js';
import type { Running } from './proc.js';

/** The built CLI, so the bench measures what `npm start` runs, not tsx. */
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const REPO = fileURLToPath(new URL('..', import.meta.url));

function env(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const base = { ...process.env };
  // An inherited DATABASE_URL would point the seeding (and the server) at someone's real PostgreSQL.
  delete base.DATABASE_URL;
  delete base.SITE_URL;
  // The cached rows measure the default bound, whatever the shell running the bench has set.
  delete base.CACHE_MAX_MB;
  return { ...base, NODE_ENV: 'production', ...overrides };
}

/** `database`: a PostgreSQL DATABASE_URL to seed and serve instead of SQLite in dataDir. */
export async function seedDemo(dataDir: string, articles: number, database?: string): Promise<void> {
  process.stderr.write(`bench: seeding ${articles} articles into ${database ? 'PostgreSQL' : dataDir}\n`);
  // Both its streams go to our stderr, so the progress bar shows and stdout stays the report alone.
  const demo = start('masthead demo', process.execPath, [CLI, 'demo', '--articles', String(articles)], {
    cwd: REPO,
    env: env({ DATA_DIR: dataDir, MASTHEAD_DEMO: '1', ...(database ? { DATABASE_URL: database } : {}) }),
    stdio: ['ignore', 2, 2],
  });
  const exit = await demo.exited;
  if (exit.code !== 0) throw new Error(`masthead demo --articles ${articles} failed (${describeExit(exit)})`);
}

export interface ServerOptions {
  dataDir: string;
  port: number;
  workers: number;
  /** A PostgreSQL DATABASE_URL to serve instead of the SQLite store in dataDir. */
  database?: string;
  /** CACHE_MAX_MB: 0 turns the response cache off, so every request renders (a "cold" row); unset, the default (64). */
  cacheMaxMb?: number;
}

export function startServer(options: ServerOptions): Running {
  const { dataDir, port, workers, database, cacheMaxMb } = options;
  return start('masthead serve', process.execPath, [CLI, 'serve'], {
    cwd: REPO,
    env: env({
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WORKERS: String(workers),
      ...(database ? { DATABASE_URL: database } : {}),
      ...(cacheMaxMb === undefined ? {} : { CACHE_MAX_MB: String(cacheMaxMb) }),
    }),
    stdio: ['ignore', 2, 2],
  });
}

/**
 * Polls until the URL answers 200. Returns the milliseconds since `since`
 * (a performance.now() reading), so a spawn time gives "start to first response".
 */
export async function waitForOk(url: string, running: Running, since: number, timeoutMs = 30_000): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - since;
    } catch {
      // Not listening yet: connection refused.
    }
    if (running.hasExited()) throw new Error(`${running.name} exited (${describeExit(await running.exited)}) before ${url} answered 200`);
    if (performance.now() - since > timeoutMs) throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
    await sleep(5);
  }
}

/** Fetches a page once, as a client taking no compression gets it, insisting on a 200. */
export async function fetchPage(url: string): Promise<Buffer> {
  return (await getOk(url)).body;
}

export interface PageSize {
  totalBytes: number;
  /** Bytes between <style> and </style>, summed over all style elements. */
  styleBytes: number;
  /** External stylesheets would make the page heavier than its HTML alone; the budget assumes none. */
  stylesheetLinks: number;
}

export function measurePage(html: Buffer): PageSize {
  const text = html.toString('utf8');
  let styleBytes = 0;
  for (const match of text.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)) styleBytes += Buffer.byteLength(match[1] ?? '');
  const stylesheetLinks = [...text.matchAll(/<link\b[^>]*\brel=["']?stylesheet\b/gi)].length;
  return { totalBytes: html.byteLength, styleBytes, stylesheetLinks };
}

export interface ProcessMemory {
  pid: number;
  /** Peak resident set size since the process started, from the kernel (VmHWM). */
  peakKiB: number;
  currentKiB: number;
  /**
   * Of the resident set now, the process's own memory (RssAnon) and the file
   * pages it maps (RssFile: the node binary, native addons, and the SQLite
   * file read through mmap, which are the kernel's page cache, shared).
   */
  anonKiB: number;
  fileKiB: number;
}

export interface Memory {
  /** The server process and, with WORKERS above 1, its HTTP workers. */
  processes: ProcessMemory[];
  /** The largest single process's peak. */
  peakKiB: number;
  /** All processes' peaks added up (an upper bound: they need not peak together). */
  totalPeakKiB: number;
}

async function readProcess(pid: number): Promise<ProcessMemory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const value = new RegExp(`^${name}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1];
    if (value === undefined) throw new Error(`/proc/${pid}/status has no ${name} line`);
    return Number(value);
  };
  return { pid, peakKiB: field('VmHWM'), currentKiB: field('VmRSS'), anonKiB: field('RssAnon'), fileKiB: field('RssFile') };
}

/** The server's memory: its own and its direct children's (the cluster workers). */
export async function readMemory(pid: number): Promise<Memory> {
  const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '')).trim().split(/\s+/).filter(Boolean).map(Number);
  const processes = await Promise.all([pid, ...children].map(readProcess));
  return {
    processes,
    peakKiB: Math.max(...processes.map((p) => p.peakKiB)),
    totalPeakKiB: processes.reduce((sum, p) => sum + p.peakKiB, 0),
  };
}
