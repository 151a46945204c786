/**
 * Abuse limits: how many times something may happen per key (an address, an
 * account, a device) in a window. The interface is all the rest of the
 * program sees; the driver beside it keeps the counts in the store, so the
 * limits hold across processes and machines.
 */

/** A limit with a name: the name keeps keys of different limits apart. */
export interface RateRule {
  name: string;
  limit: number;
  windowMs: number;
}

export interface RateDecision {
  isAllowed: boolean;
  /** Events in the window so far, this one included. */
  count: number;
  /** Whole seconds until the window ends (at least 1), for Retry-After. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Counts one event for `key` under `rule` and says whether it is within the limit. Atomic: of N concurrent hits, at most `limit` are allowed. */
  hit(rule: RateRule, key: string): Promise<RateDecision>;
  /** Takes one event back: a hit that turned out not to be abuse (a sign-in that succeeded). */
  release(rule: RateRule, key: string): Promise<void>;
  /** Forgets the key's count (a successful sign-in clears the account's failures). */
  clear(rule: RateRule, key: string): Promise<void>;
}

export function counterKey(rule: RateRule, key: string): string {
  return `${rule.name}:${key}`;
}
