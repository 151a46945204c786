import type { CdnPurger } from '../../cdn-purge/cdn-purger.js';
import { cdnPurgePayload } from '../../content/job-schemas.js';
import { CDN_PURGE_ATTEMPTS } from '../../operations/queue-jobs.js';
import type { JobHandler } from '../job-queue.js';

/**
 * `cdn-purge` ({ tags }): a purge that failed when its change was made
 * (src/cdn-purge/purge-soon.ts), tried again whole; the runner's backoff
 * spaces the attempts. A process with no CDN configured fails the attempt
 * with a message saying so, and the retry may fall to a process that has one.
 */
export function cdnPurgeHandler(input: { purger: CdnPurger | undefined }): JobHandler {
  return {
    maxAttempts: CDN_PURGE_ATTEMPTS,
    async run({ payload }) {
      const { tags } = cdnPurgePayload.parse(payload);
      if (!input.purger) throw new Error(`This process has no CDN to purge (CDN_PURGE is unset here); the job's ${tags.length} tag(s) were not purged`);
      await input.purger.purge(tags);
      return { done: tags.length, total: tags.length, checkpoint: null };
    },
  };
}
