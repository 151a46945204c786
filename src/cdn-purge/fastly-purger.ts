import type { CdnPurger } from './cdn-purger.js';
import { purgeBatches } from './purge-batches.js';
import { purgeSender } from './purge-sender.js';

/**
 * Fastly's "purge multiple surrogate keys" takes at most 256 keys in one
 * request (Fastly API reference, Purging: POST /service/{service_id}/purge).
 */
const FASTLY_KEYS_PER_REQUEST = 256;

/**
 * Purges by surrogate key (the `Surrogate-Key` header of Masthead's
 * responses) through Fastly's API, one batch after another. A hard purge: a
 * correction must not be served stale once more, as a soft purge would under
 * stale-while-revalidate.
 */
export function createFastlyPurger(input: { serviceId: string; token: string; apiUrl: string; timeoutMs?: number }): CdnPurger {
  const sender = purgeSender({ service: 'fastly', timeoutMs: input.timeoutMs });
  const url = `${input.apiUrl}/service/${encodeURIComponent(input.serviceId)}/purge`;
  return {
    name: 'fastly',
    async purge(tags) {
      for (const batch of purgeBatches(tags, { maxCount: FASTLY_KEYS_PER_REQUEST })) {
        await sender.send({
          method: 'POST',
          url,
          headers: { 'fastly-key': input.token, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ surrogate_keys: batch }),
        });
      }
    },
    close: () => sender.close(),
  };
}
