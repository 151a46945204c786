import type { CpuUse } from './cpu.js';
import type { Measurements, TargetResult } from './report.js';
import { COLD_ARTICLE, PG_COLD_ARTICLE, SHARE_FLOORS, type ShareFloor } from './rows.js';

export interface Floor {
  name: string;
  limit: string;
  actual: string;
  isMet: boolean;
}

const MB = 1024 * 1024;
const PAGE_BUDGET_BYTES = 30 * 1024;
/** 150 MB before the response cache; the cache's issue allows 200 MB with its 64 MB of pages held. */
const MEMORY_BUDGET_KIB = 200 * 1024;
/** CACHE_MAX_MB's default, within which every article must fit. */
const CACHE_BUDGET_BYTES = 64 * MB;
/** The article on PostgreSQL may cost at most this many times SQLite's CPU per request (app plus database), both without the cache. */
const POSTGRES_CPU_FACTOR = 2;

export function allTargets(m: Measurements): TargetResult[] {
  return [...m.targets, ...(m.postgres?.targets ?? [])];
}

export function findTarget(m: Measurements, name: string): TargetResult | undefined {
  return allTargets(m).find((t) => t.name === name);
}

export const cpuTotal = (cpu: CpuUse | null | undefined): number | null => (cpu ? cpu.appUs + (cpu.dbUs ?? 0) : null);

/** The row's requests/s as a share of its baseline's, in percent. */
export function rateShare(row: TargetResult | undefined, baseline: TargetResult | undefined): number | null {
  const rps = row?.wrk?.requestsPerSecond;
  const base = baseline?.wrk?.requestsPerSecond;
  return rps !== undefined && base !== undefined && base > 0 ? (rps / base) * 100 : null;
}

/** The baseline's CPU per request as a share of the row's, in percent: 100% costs what nginx costs, as requests/s's share reads. */
export function cpuShare(row: TargetResult | undefined, baseline: TargetResult | undefined): number | null {
  const cpu = cpuTotal(row?.cpu);
  const base = cpuTotal(baseline?.cpu);
  return cpu !== null && base !== null && cpu > 0 ? (base / cpu) * 100 : null;
}

/** A floor with nothing measured counts as not met, so a broken run can never pass. */
function floor(name: string, limit: string, value: number | null | undefined, format: (v: number) => string, isMet: (v: number) => boolean): Floor {
  if (value === null || value === undefined || !Number.isFinite(value)) return { name, limit, actual: 'not measured', isMet: false };
  return { name, limit, actual: format(value), isMet: isMet(value) };
}

const pct = (v: number) => `${v.toFixed(1)}%`;

/** Held to requests/s, as the bench's floors always were; CPU time per request is shown beside it. */
function shareFloor(m: Measurements, { row, baseline, minPct }: ShareFloor): Floor {
  const target = findTarget(m, row);
  const cpu = cpuShare(target, findTarget(m, baseline));
  // The baseline is the nginx row serving the same bytes; the report's table shows it above the row.
  const name = `req/s vs nginx: ${row.replace(/^Masthead /, '')}`;
  return floor(name, `≥ ${minPct}%`, rateShare(target, findTarget(m, baseline)), (v) => `${pct(v)} (CPU/request ${cpu === null ? '-' : pct(cpu)})`, (v) => v >= minPct);
}

/** Every article the sitemaps list, and at least as many as the bench seeded, held at once within 64 MB. */
function cacheFloor(m: Measurements): Floor {
  const name = 'response cache holds every article';
  const limit = `all (≥ ${m.options.articles}) within ${CACHE_BUDGET_BYTES / MB} MB`;
  const fill = m.cache;
  if (!fill) return { name, limit, actual: 'not measured', isMet: false };
  const { after } = fill;
  const actual = `${fill.held} of ${fill.articles} held, ${(after.bytes / MB).toFixed(1)} of ${(after.maxBytes / MB).toFixed(0)} MB`;
  const isMet = fill.articles >= m.options.articles && fill.held === fill.articles && after.bytes <= after.maxBytes && after.maxBytes <= CACHE_BUDGET_BYTES;
  return { name, limit, actual, isMet };
}

export function floors(m: Measurements): Floor[] {
  const cold = findTarget(m, COLD_ARTICLE)?.wrk;
  const peakKiB = m.memory.length > 0 ? Math.max(...m.memory.map((s) => s.memory.peakKiB)) : null;
  return [
    ...SHARE_FLOORS.map((f) => shareFloor(m, f)),
    floor('article p99 latency, cold (no cache)', '< 10 ms', cold?.p99Ms, (v) => `${v.toFixed(2)} ms`, (v) => v < 10),
    floor('article HTML+CSS', `< ${PAGE_BUDGET_BYTES} B (30 KB)`, m.articlePage?.totalBytes, (v) => `${v} B`, (v) => v < PAGE_BUDGET_BYTES),
    cacheFloor(m),
    floor('peak memory per process, whole bench', '< 200 MB', peakKiB, (v) => `${(v / 1024).toFixed(1)} MB`, (v) => v < MEMORY_BUDGET_KIB),
    floor('start to first response', '< 1 s', m.startToFirstResponseMs, (v) => `${v.toFixed(0)} ms`, (v) => v < 1000),
    ...(m.postgres?.isBackendCpuRead ? [postgresFloor(m)] : []),
  ];
}

/** PostgreSQL's article (Masthead plus its backends) against SQLite's, both rendered on every request, in CPU time per request measured in the same run. */
function postgresFloor(m: Measurements): Floor {
  const sqlite = cpuTotal(findTarget(m, COLD_ARTICLE)?.cpu);
  const postgres = cpuTotal(findTarget(m, PG_COLD_ARTICLE)?.cpu);
  const factor = sqlite && postgres !== null ? postgres / sqlite : null;
  return floor(
    'article CPU/request, PostgreSQL vs SQLite, cold (no cache)',
    `≤ ${POSTGRES_CPU_FACTOR}× (≥ ${100 / POSTGRES_CPU_FACTOR}% per process)`,
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
