import type { FastifyBaseLogger } from 'fastify';
import { addressKey } from './client-address.js';
import type { RateLimiter, RateRule } from './rate-limiter.js';

/** Refuses a request with how long to wait, or lets it through (undefined). */
export type ExpensiveRouteLimit = (ip: string) => Promise<{ retryAfterSeconds: number } | undefined>;

/**
 * The per-address limit on routes that cost many times an article: feeds,
 * search and the REST API's lists. Each such request is one upsert of the
 * address's counter in the store, so the limit holds however many processes
 * and machines serve the site. If the counter cannot be written (the store is
 * busy with an import, or down) the request goes through: the limit must
 * never make the site less available than it would be without it.
 */
export function expensiveRouteLimit(input: { limiter: RateLimiter; perMinute: number; log: FastifyBaseLogger }): ExpensiveRouteLimit {
  const rule: RateRule = { name: 'expensive', limit: input.perMinute, windowMs: 60_000 };
  return async (ip) => {
    if (input.perMinute === 0) return undefined;
    try {
      const decision = await input.limiter.hit(rule, addressKey(ip));
      return decision.isAllowed ? undefined : { retryAfterSeconds: decision.retryAfterSeconds };
    } catch (error) {
      input.log.warn({ err: error }, 'could not count a request against the per-address limit; let it through');
      return undefined;
    }
  };
}
