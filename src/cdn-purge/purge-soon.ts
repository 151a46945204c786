import type { FastifyBaseLogger } from 'fastify';
import type { OperationContext } from '../operations/context.js';
import { queueCdnPurge } from '../operations/queue-jobs.js';
import type { CdnPurger } from './cdn-purger.js';

/** What purgeSoon returns: call it with a change's tags; it never waits. */
export interface PurgeSoon {
  (tags: readonly string[]): void;
  /** Resolves when every purge asked for so far was sent or queued as a job: a stopping process waits for it before closing the store. */
  settled(): Promise<void>;
}

/**
 * Tells the CDN of a change without making the newsroom wait for it: the
 * call returns at once and the purge is sent in the background. A purge that
 * fails is logged and becomes a `cdn-purge` job, which the job runner of some
 * process retries with backoff, so a CDN outage delays a purge but never
 * loses it (and never fails the edit that caused it).
 *
 * One purge is in flight at a time: tags asked for meanwhile are merged into
 * the next one, so a burst of changes (an import, a bulk edit) makes a few
 * requests instead of one each, which matters where the service limits
 * purges per minute.
 */
export function purgeSoon(input: { purger: CdnPurger; context: OperationContext; log: FastifyBaseLogger }): PurgeSoon {
  const { purger, context, log } = input;
  let waiting = new Set<string>();
  let sending: Promise<void> | undefined;

  const sendWaiting = async () => {
    while (waiting.size > 0) {
      const tags = [...waiting];
      waiting = new Set();
      try {
        await purger.purge(tags);
      } catch (error) {
        log.warn({ err: error, service: purger.name, tags: tags.length }, 'CDN purge failed; queued as a job to retry');
        await queueCdnPurge(context, tags).catch((queueError: unknown) =>
          log.error({ err: queueError, service: purger.name, tags }, 'CDN purge failed and could not be queued: these tags stay cached until they expire'),
        );
      }
    }
  };
  const start = () => {
    sending = sendWaiting().finally(() => {
      sending = undefined;
      // Tags that came while the loop was finishing.
      if (waiting.size > 0) start();
    });
  };

  const purge = ((tags: readonly string[]) => {
    for (const tag of tags) waiting.add(tag);
    if (!sending && waiting.size > 0) start();
  }) as PurgeSoon;
  purge.settled = async () => {
    while (sending) await sending;
  };
  return purge;
}
