import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  articles: number;
  /** Seconds per measured wrk run. */
  durationSeconds: number;
  connections: number;
  /** Server processes, for Masthead (WORKERS) and nginx (worker_processes) alike; the floors are set for one. */
  workers: number;
  /** A PostgreSQL server to measure Masthead on too (a database of the run's own is created there and dropped). */
  postgresUrl: string | undefined;
}

export const USAGE = `Usage: npm run bench -- [--articles N] [--duration S] [--connections C] [--workers W|auto] [--postgres URL]

  --articles N     synthetic articles added to the demo store (default 10000); the response
                   cache must hold every one of them within its default 64 MB
  --duration S     seconds per measured wrk run (default 10)
  --connections C  open connections per wrk run (default 32)
  --workers W      processes for both Masthead and nginx (default 1: one Masthead process against
                   one nginx worker, as the floors are set; auto: one per CPU)
  --postgres URL   also serve the same pages from PostgreSQL: a fresh database is created on that
                   server, seeded the same way, and dropped afterwards (default: $BENCH_DATABASE_URL;
                   SQLite only without either). The backends' CPU is read when the server is local.

What it measures, one wrk run per row after a 2 s warm-up:
  with the response cache on (CACHE_MAX_MB's default, 64 MB): the article, home, tag, AMP and
    RSS feed pages, a 304 for the feed (If-None-Match) and the article as gzip, each right after
    nginx serving the same bytes; then every article in the sitemaps asked for once, to see the
    cache hold them all;
  with the cache off (CACHE_MAX_MB=0), on the same store: the article, rendered on every request;
  with --postgres: the article, home and tag with the cache off, and the article with it on.
Floors (requests/s against nginx serving the same bytes): cached pages, the 304 and gzip ≥ 80%,
the article without the cache ≥ 25% (p99 < 10 ms); every article cached within 64 MB; each
process's peak memory < 200 MB; the article's HTML+CSS < 30 KB; first response < 1 s; the article
on PostgreSQL at most 2× SQLite's CPU per request, both without the cache. Exits 1 if one is missed.
`;

/** Thrown for anything wrong on the command line; the caller prints it with the usage and exits 2. */
export class UsageError extends Error {}

function positiveInteger(flag: string, text: string | undefined, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  // Number() alone would accept "1e3", " 5" or "0x10", which nobody means on a command line.
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(`--${flag} must be a whole number from 1 to ${max} (got "${text}")`);
  }
  return Number(text);
}

function postgresUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^postgres(ql)?:\/\//.test(text)) throw new UsageError(`--postgres must be a postgres:// URL (got "${text}")`);
  return text;
}

/** Returns null when --help was asked for. */
export function parseBenchArgs(argv: string[]): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        articles: { type: 'string' },
        duration: { type: 'string' },
        connections: { type: 'string' },
        workers: { type: 'string' },
        postgres: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return null;
  return {
    // The demo command refuses more than a million, so fail here before building anything.
    articles: positiveInteger('articles', values.articles, 10_000, 1_000_000),
    durationSeconds: positiveInteger('duration', values.duration, 10, 3600),
    connections: positiveInteger('connections', values.connections, 32, 10_000),
    workers: values.workers === 'auto' ? availableParallelism() : positiveInteger('workers', values.workers, 1, 64),
    postgresUrl: postgresUrl(values.postgres ?? process.env.BENCH_DATABASE_URL),
  };
}
