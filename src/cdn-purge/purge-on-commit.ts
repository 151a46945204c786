import type { Store } from '../content/store.js';
import { signalOf } from '../change-bus/change-bus.js';
import { tagsForChange } from '../response-cache/cache-tags.js';

/**
 * The other processes and instances drop their own cached answers when the
 * change bus reaches them, a few milliseconds to a poll after the commit. A
 * CDN purged at the commit could meanwhile fetch the old page again from one
 * of them and keep it, so each purge is sent again once that bound has
 * surely passed.
 */
export const REPURGE_AFTER_MS = 2_000;

/**
 * Purges the CDN of what this process's own changes make stale, as each
 * commits: one process per change, the one that made it (the others hear
 * the same change through the bus and must not purge it again). Returns a
 * function that stops it.
 */
export function purgeOnCommit(store: Pick<Store, 'onCommittedChange'>, purge: (tags: readonly string[]) => void): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const stop = store.onCommittedChange((change) => {
    const tags = tagsForChange(signalOf(change));
    if (tags.length === 0) return;
    purge(tags);
    const timer = setTimeout(() => {
      timers.delete(timer);
      purge(tags);
    }, REPURGE_AFTER_MS);
    timer.unref();
    timers.add(timer);
  });
  return () => {
    stop();
    for (const timer of timers) clearTimeout(timer);
  };
}
