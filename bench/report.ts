import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './args.js';
import type { CacheFill } from './cache-fill.js';
import type { CpuUse } from './cpu.js';
import { allTargets, cpuShare, cpuTotal, findTarget, rateShare, type Floor } from './floors.js';
import type { Memory, PageSize } from './masthead.js';
import type { WrkResult } from './wrk.js';

export interface TargetResult {
  name: string;
  url: string;
  /** The nginx row serving the same bytes this one is compared with; null for nginx's own rows. */
  baseline: string | null;
  /** Request headers wrk sent (Accept-Encoding, If-None-Match). */
  headers: Readonly<Record<string, string>>;
  wrk: WrkResult | null;
  /** CPU time per request over the measured run, from /proc (see cpu.ts). */
  cpu: CpuUse | null;
  /** Set when wrk could not run or its output made no sense. */
  error: string | null;
}

/** One Masthead server the bench started, read after its last request: VmHWM is its peak through all of them. */
export interface ServerMemory {
  server: string;
  memory: Memory;
}

export interface Measurements {
  options: BenchOptions;
  startToFirstResponseMs: number | null;
  articlePage: PageSize | null;
  memory: ServerMemory[];
  /** The response cache with every article asked for (cache-fill.ts). */
  cache: CacheFill | null;
  targets: TargetResult[];
  /** The same pages served from PostgreSQL, when a server was given. */
  postgres: {
    /** False when the server is not on this machine: the backends' CPU cannot be read, and the comparison is not made. */
    isBackendCpuRead: boolean;
    poolMax: number;
    targets: TargetResult[];
  } | null;
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const mbOfKiB = (kib: number) => mb(kib * 1024);
const share = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)}%`);

function tableRows(m: Measurements): string[][] {
  return allTargets(m).map((t) => {
    if (!t.wrk) return [t.name, 'failed', '-', '-', '-', '-', '-', '-'];
    const w = t.wrk;
    const baseline = t.baseline === null ? undefined : findTarget(m, t.baseline);
    const total = cpuTotal(t.cpu);
    const db = t.cpu?.dbUs ?? null;
    return [
      t.name,
      w.requestsPerSecond.toFixed(0),
      w.p50Ms.toFixed(2),
      w.p99Ms.toFixed(2),
      t.baseline === null ? '' : share(rateShare(t, baseline)),
      total === null ? '-' : total.toFixed(0),
      t.baseline === null ? '' : share(cpuShare(t, baseline)),
      db === null ? '-' : db.toFixed(0),
    ];
  });
}

function cacheLines(m: Measurements): string[] {
  const fill = m.cache;
  if (!fill) return ['response cache: not measured (filling it failed: the error is above the report)'];
  const { after } = fill;
  const perArticle = fill.bytesPerArticle;
  return [
    `response cache (GET /readyz once each of the ${fill.articles} articles in the sitemaps had been asked for with Accept-Encoding: br, gzip, compression done):`,
    `  ${after.entries} entries, ${mb(after.bytes)} of ${mb(after.maxBytes)} (CACHE_MAX_MB); ${perArticle === null ? 'bytes per article not known' : `${perArticle.toFixed(0)} B per article (gzip and brotli; identity dropped), so ${mb(after.maxBytes)} holds about ${Math.floor(after.maxBytes / perArticle)} such articles`}`,
    `  ${fill.held} of ${fill.articles} articles still held when each was asked for again, the last asked first; ${fill.seconds.toFixed(0)} s for both rounds`,
  ];
}

function memoryLines(m: Measurements): string[] {
  const lines = ['server memory (peak RSS, VmHWM, read after each server\'s last request; floor 200 MB per process, 150 MB before the response cache):'];
  for (const { server, memory } of m.memory) {
    lines.push(`  ${server}: ${memory.processes.map((p) => `${mbOfKiB(p.peakKiB)} (pid ${p.pid})`).join(', ')}${memory.processes.length > 1 ? `; all processes together ${mbOfKiB(memory.totalPeakKiB)}` : ''}`);
    lines.push(`    resident at the end: ${memory.processes.map((p) => `${mbOfKiB(p.anonKiB)} own + ${mbOfKiB(p.fileKiB)} mapped files`).join(', ')}`);
  }
  lines.push('  (mapped files: node, addons and the SQLite file read through mmap, shared with the page cache)');
  return lines;
}

export function formatReport(m: Measurements, floorList: Floor[], problems: string[]): string {
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'vs nginx', 'CPU µs/req', 'CPU vs nginx', 'of it db'];
  const rows = tableRows(m);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const o = m.options;
  const lines = [
    '',
    `Masthead benchmark: ${o.articles} articles, ${o.workers} process(es) each for Masthead (WORKERS) and nginx (worker_processes), wrk -t1 -c${o.connections} -d${o.durationSeconds}s, Node ${process.version}`,
    '',
    row(header, widths),
    row(widths.map((w) => '-'.repeat(w)), widths),
    ...rows.map((r) => row(r, widths)),
    '',
    'cached: the response cache on (CACHE_MAX_MB default, 64 MB), each page warmed first; cold (no cache): CACHE_MAX_MB=0, every request rendered.',
    'vs nginx: requests/s as a share of the nginx row serving the same bytes with the same Content-Type (the row above; for the',
    '  cold and PostgreSQL rows, nginx article). 304: If-None-Match with each server\'s own ETag. gzip: Accept-Encoding: gzip, nginx',
    '  sending Masthead\'s gzip bytes with gzip_static. The floors use requests/s, as they always have.',
    'CPU µs/req: utime+stime from /proc/PID/stat over the measured run, per request: the server process and its workers,',
    '  plus on PostgreSQL the backends serving its connections (found in pg_stat_activity by application_name).',
    'CPU vs nginx: the nginx row\'s CPU per request as a share of this row\'s (100% costs what nginx costs).',
  ];
  if (m.postgres) {
    lines.push(`PostgreSQL: a database of the run's own, seeded as the SQLite store; pool of ${m.postgres.poolMax} connections per process (DATABASE_POOL_MAX).`);
    if (!m.postgres.isBackendCpuRead) lines.push('  note: the server is not on this machine, so its backends\' CPU was not read and the comparison with SQLite is not made.');
  } else {
    lines.push('PostgreSQL not measured (give --postgres URL or BENCH_DATABASE_URL).');
  }
  const page = m.articlePage;
  if (page) {
    lines.push(`article page: ${page.totalBytes} B HTML, of which ${page.styleBytes} B inline CSS in <style>`);
    if (page.stylesheetLinks > 0) lines.push(`  note: the page also links ${page.stylesheetLinks} external stylesheet(s), not counted above`);
  }
  lines.push(...cacheLines(m), ...memoryLines(m));
  if (m.startToFirstResponseMs !== null) lines.push(`start to first response (spawn → 200 from /healthz, the cached server on the seeded store): ${m.startToFirstResponseMs.toFixed(0)} ms`);
  lines.push('', 'Floors:');
  const nameWidth = Math.max(...floorList.map((f) => f.name.length));
  const limitWidth = Math.max(...floorList.map((f) => f.limit.length));
  for (const f of floorList) lines.push(`  ${f.isMet ? 'PASS' : 'FAIL'}  ${f.name.padEnd(nameWidth)}  ${f.limit.padEnd(limitWidth)}  ${f.actual}`);
  if (problems.length > 0) {
    lines.push('', 'wrk problems (these fail the run):');
    for (const p of problems) lines.push(`  ${p}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function writeResults(m: Measurements, floorList: Floor[], problems: string[], isOk: boolean): Promise<string> {
  const outDir = fileURLToPath(new URL('./out/', import.meta.url));
  await mkdir(outDir, { recursive: true });
  const file = `${outDir}results.json`;
  const json = {
    date: new Date().toISOString(),
    node: process.version,
    isOk,
    ...m,
    // The URL may hold a password; the results file is for sharing.
    options: { ...m.options, postgresUrl: m.options.postgresUrl ? 'given' : undefined },
    floors: floorList,
    wrkProblems: problems,
  };
  await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
