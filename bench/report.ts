import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchOptions } from './args.js';
import type { Memory, PageSize } from './masthead.js';
import type { WrkResult } from './wrk.js';
import type { CpuUse } from './cpu.js';

export interface TargetResult {
  name: string;
  url: string;
  wrk: WrkResult | null;
  /** CPU time per request over the measured run, from /proc (see cpu.ts). */
  cpu: CpuUse | null;
  /** Set when wrk could not run or its output made no sense. */
  error: string | null;
}

export interface Measurements {
  options: BenchOptions;
  startToFirstResponseMs: number | null;
  articlePage: PageSize | null;
  memory: Memory | null;
  targets: TargetResult[];
  /** The same pages served from PostgreSQL, when a server was given. */
  postgres: {
    /** False when the server is not on this machine: the backends' CPU cannot be read, and the comparison is not made. */
    isBackendCpuRead: boolean;
    poolMax: number;
    targets: TargetResult[];
  } | null;
}

export interface Floor {
  name: string;
  limit: string;
  actual: string;
  isMet: boolean;
}

export const NGINX = 'nginx (static article)';
export const ARTICLE = 'Masthead article';
export const PG_ARTICLE = 'Masthead article on PostgreSQL';
/** The article on PostgreSQL may cost at most this many times SQLite's CPU per request (app plus database). */
const POSTGRES_CPU_FACTOR = 2;

function allTargets(m: Measurements): TargetResult[] {
  return [...m.targets, ...(m.postgres?.targets ?? [])];
}

const cpuTotal = (cpu: CpuUse | null | undefined) => (cpu ? cpu.appUs + (cpu.dbUs ?? 0) : null);

const PAGE_BUDGET_BYTES = 30 * 1024;
const MEMORY_BUDGET_KIB = 150 * 1024;

function target(m: Measurements, name: string): WrkResult | null {
  return allTargets(m).find((t) => t.name === name)?.wrk ?? null;
}

/** A floor with nothing measured counts as not met, so a broken run can never pass. */
function floor(name: string, limit: string, value: number | null | undefined, format: (v: number) => string, isMet: (v: number) => boolean): Floor {
  if (value === null || value === undefined || !Number.isFinite(value)) return { name, limit, actual: 'not measured', isMet: false };
  return { name, limit, actual: format(value), isMet: isMet(value) };
}

export function floors(m: Measurements): Floor[] {
  const nginx = target(m, NGINX);
  const article = target(m, ARTICLE);
  const share = nginx && article && nginx.requestsPerSecond > 0 ? (article.requestsPerSecond / nginx.requestsPerSecond) * 100 : null;
  return [
    floor('article req/s vs nginx', '≥ 25%', share, (v) => `${v.toFixed(1)}%`, (v) => v >= 25),
    floor('article p99 latency', '< 10 ms', article?.p99Ms, (v) => `${v.toFixed(2)} ms`, (v) => v < 10),
    floor('article HTML+CSS', `< ${PAGE_BUDGET_BYTES} B (30 KB)`, m.articlePage?.totalBytes, (v) => `${v} B`, (v) => v < PAGE_BUDGET_BYTES),
    floor('peak memory per process', '< 150 MB', m.memory?.peakKiB, (v) => `${(v / 1024).toFixed(1)} MB`, (v) => v < MEMORY_BUDGET_KIB),
    floor('start to first response', '< 1 s', m.startToFirstResponseMs, (v) => `${v.toFixed(0)} ms`, (v) => v < 1000),
    ...(m.postgres?.isBackendCpuRead ? [postgresFloor(m)] : []),
  ];
}

/** PostgreSQL's article (Masthead plus its backends) against SQLite's, in CPU time per request measured in the same run. */
function postgresFloor(m: Measurements): Floor {
  const sqlite = cpuTotal(m.targets.find((t) => t.name === ARTICLE)?.cpu);
  const postgres = cpuTotal(m.postgres?.targets.find((t) => t.name === PG_ARTICLE)?.cpu);
  const factor = sqlite && postgres !== null ? postgres / sqlite : null;
  return floor(
    'article CPU/request, PostgreSQL vs SQLite',
    `≤ ${POSTGRES_CPU_FACTOR}×`,
    factor,
    (v) => `${v.toFixed(2)}× (${postgres!.toFixed(0)} vs ${sqlite!.toFixed(0)} µs)`,
    (v) => v <= POSTGRES_CPU_FACTOR,
  );
}

/** Runs that wrk flagged (errors or non-2xx answers); any of them fails the bench. */
export function wrkProblems(m: Measurements): string[] {
  return allTargets(m).flatMap((t) => {
    const problem = t.error ?? t.wrk?.problem ?? null;
    return problem ? [`${t.name}: ${problem}`] : [];
  });
}

function row(cells: string[], widths: number[]): string {
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
}

export function formatReport(m: Measurements, floorList: Floor[], problems: string[]): string {
  const nginxRps = target(m, NGINX)?.requestsPerSecond ?? 0;
  const header = ['target', 'requests/s', 'p50 ms', 'p99 ms', 'vs nginx', 'CPU µs/req', 'of it db'];
  const rows = allTargets(m).map((t) => {
    if (!t.wrk) return [t.name, 'failed', '-', '-', '-', '-', '-'];
    const w = t.wrk;
    const ratio = nginxRps > 0 ? `${((w.requestsPerSecond / nginxRps) * 100).toFixed(1)}%` : '-';
    const total = cpuTotal(t.cpu);
    const db = t.cpu?.dbUs ?? null;
    return [t.name, w.requestsPerSecond.toFixed(0), w.p50Ms.toFixed(2), w.p99Ms.toFixed(2), ratio, total === null ? '-' : total.toFixed(0), db === null ? '-' : db.toFixed(0)];
  });
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
  ];
  lines.push(
    'CPU µs/req: utime+stime from /proc/PID/stat over the measured run, per request: the server process and its workers,',
    '  plus on PostgreSQL the backends serving its connections (found in pg_stat_activity by application_name).',
  );
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
  if (m.memory) {
    const mb = (kib: number) => `${(kib / 1024).toFixed(1)} MB`;
    lines.push(`server memory (peak RSS, VmHWM): ${m.memory.processes.map((p) => `${mb(p.peakKiB)} (pid ${p.pid})`).join(', ')}; all processes together ${mb(m.memory.totalPeakKiB)}`);
    lines.push(`  resident at the end: ${m.memory.processes.map((p) => `${mb(p.anonKiB)} own + ${mb(p.fileKiB)} mapped files (pid ${p.pid})`).join(', ')} (mapped files: node, addons and the SQLite file read through mmap, shared with the page cache)`);
  }
  if (m.startToFirstResponseMs !== null) lines.push(`start to first response (spawn → 200 from /healthz): ${m.startToFirstResponseMs.toFixed(0)} ms`);
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
