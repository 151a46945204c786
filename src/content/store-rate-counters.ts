/**
 * Counters behind the abuse limits (src/rate-limit/), kept in the store so
 * every process and machine shares them. Times are milliseconds since the
 * epoch. Implemented in store/queries/rate-counters.ts.
 */
export interface RateCounterStore {
  /**
   * Counts one more event for `key` and returns the new count and when its
   * window ends; a key whose window has ended starts a new one at 1. One
   * statement, so concurrent hits each see a different count.
   */
  hit(input: { key: string; now: number; windowMs: number }): Promise<{ count: number; resetsAt: number }>;
  /** Takes one event back (never below zero): an attempt that turned out well. */
  release(key: string): Promise<void>;
  clear(key: string): Promise<void>;
  /** Deletes counters whose window has ended; returns how many. */
  sweep(now: number): Promise<number>;
}
