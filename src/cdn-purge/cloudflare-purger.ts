import { CdnPurgeFailed, type CdnPurger } from './cdn-purger.js';
import { purgeBatches } from './purge-batches.js';
import { excerpt, purgeSender } from './purge-sender.js';

/**
 * Cloudflare's purge takes at most 100 tags in one request on every plan
 * (Cloudflare Cache docs, "Purge cache": max operations per request for tag,
 * hostname and prefix purges; it was 30 until 2025). The plans also limit
 * purge requests per account (Free: 5 a minute), hence one batch at a time.
 */
const CLOUDFLARE_TAGS_PER_REQUEST = 100;

/** Purges by cache tag (the `Cache-Tag` header of Masthead's responses) through Cloudflare's API. */
export function createCloudflarePurger(input: { zoneId: string; token: string; apiUrl: string; timeoutMs?: number }): CdnPurger {
  const sender = purgeSender({ service: 'cloudflare', timeoutMs: input.timeoutMs });
  const url = `${input.apiUrl}/zones/${encodeURIComponent(input.zoneId)}/purge_cache`;
  return {
    name: 'cloudflare',
    async purge(tags) {
      for (const batch of purgeBatches(tags, { maxCount: CLOUDFLARE_TAGS_PER_REQUEST })) {
        const body = await sender.send({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${input.token}`, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ tags: batch }),
        });
        // The API's envelope says whether it worked; a 200 saying `"success": false` purged nothing.
        if (isRefusal(body)) throw new CdnPurgeFailed({ service: 'cloudflare', method: 'POST', url, problem: `answered success: false: ${excerpt(body)}` });
      }
    },
    close: () => sender.close(),
  };
}

function isRefusal(body: string): boolean {
  try {
    return (JSON.parse(body) as { success?: unknown }).success === false;
  } catch {
    return false;
  }
}
