import type { Store } from '../content/store.js';
import type { Clock } from '../lib/clock.js';
import { counterKey, type RateLimiter } from './rate-limiter.js';

/** Ended windows are deleted at most this often per process, by whichever hit comes first after. */
const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The limiter on the store's counters: one upsert per hit, so every process
 * and machine on the same store shares the counts, and concurrent hits cannot
 * all pass (the count is written and read back in one statement).
 */
export function storeRateLimiter(input: { store: Store; clock: Clock }): RateLimiter {
  const { store, clock } = input;
  let lastSweep = 0;
  return {
    async hit(rule, key) {
      const now = clock.now().getTime();
      if (now - lastSweep > SWEEP_EVERY_MS) {
        lastSweep = now;
        await store.rateCounters.sweep(now);
      }
      const { count, resetsAt } = await store.rateCounters.hit({ key: counterKey(rule, key), now, windowMs: rule.windowMs });
      return { isAllowed: count <= rule.limit, count, retryAfterSeconds: Math.max(1, Math.ceil((resetsAt - now) / 1000)) };
    },
    async release(rule, key) {
      await store.rateCounters.release(counterKey(rule, key));
    },
    async clear(rule, key) {
      await store.rateCounters.clear(counterKey(rule, key));
    },
  };
}
