import type { RunningServer } from '../helpers/server.js';

/** Records uncaught exceptions and unhandled rejections while a test runs, which an outage must never cause. */
export function crashWatch(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const onException = (error: unknown) => seen.push(`uncaughtException: ${String((error as Error)?.stack ?? error)}`);
  const onRejection = (error: unknown) => seen.push(`unhandledRejection: ${String((error as Error)?.stack ?? error)}`);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    seen,
    stop() {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}

/** Polls `check` until it gives a value, for at most `limitMs`; the bound is a failure, not a measured time. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${limitMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export interface LoadResult {
  statuses: Map<number, number>;
  /** Requests that got no HTTP answer at all (the connection refused or reset). */
  failures: string[];
}

/** A few readers asking for `paths` one after another until stopped: light, steady load. */
export function loadUntil(server: RunningServer, paths: string[], concurrency = 3): { stop(): Promise<LoadResult> } {
  const result: LoadResult = { statuses: new Map(), failures: [] };
  let isRunning = true;
  const readers = Array.from({ length: concurrency }, async (_, reader) => {
    for (let i = reader; isRunning; i++) {
      const path = paths[i % paths.length]!;
      try {
        const response = await server.get(path);
        await response.arrayBuffer();
        result.statuses.set(response.status, (result.statuses.get(response.status) ?? 0) + 1);
      } catch (error) {
        result.failures.push(`${path}: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return {
    async stop() {
      isRunning = false;
      await Promise.all(readers);
      return result;
    },
  };
}
