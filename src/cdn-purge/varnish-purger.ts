import type { CdnPurger } from './cdn-purger.js';
import { purgeBatches } from './purge-batches.js';
import { purgeSender } from './purge-sender.js';

/**
 * The request header deploy/varnish/masthead.vcl reads the keys of a PURGE
 * from, space-separated, and hands to xkey.purge(). Not `xkey` itself: that is
 * the response header the keys are indexed from.
 */
const XKEY_PURGE_HEADER = 'xkey-purge';

/**
 * Keys per PURGE, counted in characters: Varnish refuses a request header
 * longer than http_req_hdr_len (8 KiB by default) with a 400, so a batch
 * stays at half of it.
 */
const VARNISH_KEYS_LENGTH = 4_000;

/**
 * Sends every Varnish server (VARNISH_PURGE_URLS) a PURGE naming the keys,
 * the servers at once and the batches to each one after another. Each server
 * keeps a cache of its own, so each must be told; one that fails fails the
 * purge, and the retry tells every server again (purging twice is harmless).
 */
export function createVarnishPurger(input: { urls: readonly string[]; timeoutMs?: number }): CdnPurger {
  const sender = purgeSender({ service: 'varnish', timeoutMs: input.timeoutMs });
  return {
    name: 'varnish',
    async purge(tags) {
      const batches = purgeBatches(tags, { maxCount: Infinity, maxLength: VARNISH_KEYS_LENGTH });
      const results = await Promise.allSettled(
        input.urls.map(async (url) => {
          for (const batch of batches) await sender.send({ method: 'PURGE', url, headers: { [XKEY_PURGE_HEADER]: batch.join(' ') } });
        }),
      );
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) {
        const messages = failures.map((failure) => (failure instanceof Error ? failure.message : String(failure)));
        throw new AggregateError(failures, `Varnish purge failed at ${failures.length} of ${input.urls.length} servers: ${messages.join('; ')}`);
      }
    },
    close: () => sender.close(),
  };
}
