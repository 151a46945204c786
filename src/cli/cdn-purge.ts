import pino from 'pino';
import type { Config } from '../config.js';
import type { Store } from '../content/store.js';
import { systemClock } from '../lib/clock.js';
import { openCdnPurger } from '../cdn-purge/open-cdn-purger.js';
import { purgeSoon } from '../cdn-purge/purge-soon.js';
import { purgeOnCommit, REPURGE_AFTER_MS } from '../cdn-purge/purge-on-commit.js';

/**
 * For a command that writes (`masthead settings`, `masthead import`): the CDN
 * configured (CDN_PURGE) is purged of what the command's changes make stale,
 * as a serving process does for the newsroom's. Returns what to call before
 * the store is closed: it sends the purges again past the change bus's reach
 * (see purge-on-commit.ts) and waits for them, or for their jobs to be queued.
 * Without a CDN, nothing.
 */
export function purgeCdnOfChanges(config: Readonly<Config>, store: Store): () => Promise<void> {
  const purger = openCdnPurger(config.cdn);
  if (!purger) return async () => undefined;
  const log = pino({ level: config.logLevel }, pino.destination(2));
  const purge = purgeSoon({ purger, context: { store, clock: systemClock }, log });
  const tagsSent = new Set<string>();
  const stop = purgeOnCommit(store, (tags: readonly string[]) => {
    for (const tag of tags) tagsSent.add(tag);
    purge(tags);
  });
  return async () => {
    stop();
    if (tagsSent.size > 0) {
      await new Promise((resolve) => setTimeout(resolve, REPURGE_AFTER_MS));
      purge([...tagsSent]);
    }
    await purge.settled();
    await purger.close();
  };
}
