import type { Store } from '../content/store.js';
import { ChangeListeners, OwnChanges, signalOf, type ChangeBus } from './change-bus.js';
import { startPruning } from './prune-changes.js';

/** How often the outbox is read: a change shows in the other processes within this, plus the reload it causes. */
const POLL_MS = 200;
/** Changes read per query; a longer backlog is read at once, page after page. */
const PAGE = 500;

/**
 * The SQLite driver: reads the outbox rows written since the last one it saw,
 * every 200 ms. It carries changes between the worker processes of one
 * machine (WORKERS) and from commands like `masthead settings`. SQLite has
 * one writer at a time, so ids are committed in order and "since the last
 * id" never skips a row. A read is one query on the primary key (README,
 * "Change signals", gives its measured cost).
 */
export function pollingChangeBus(input: { store: Store; onError: (error: unknown) => void; intervalMs?: number }): ChangeBus {
  const { store, onError } = input;
  const listeners = new ChangeListeners(onError);
  const own = new OwnChanges(listeners);
  let lastId = 0;
  let timer: NodeJS.Timeout | undefined;
  let isClosed = false;
  let hasFailed = false;
  let stopPruning: (() => void) | undefined;
  let polling: Promise<void> = Promise.resolve();

  const poll = async () => {
    try {
      for (;;) {
        const changes = await store.changes.listSince({ afterId: lastId, limit: PAGE });
        for (const change of changes) {
          lastId = change.id;
          if (!own.isOwn(change.id)) listeners.emit(signalOf(change));
        }
        if (changes.length < PAGE || isClosed) break;
      }
      // The store did not answer for a while: what was kept may be stale in ways the outbox does not say (a restored file).
      if (hasFailed) {
        hasFailed = false;
        listeners.emit({ kind: 'resync' });
      }
    } catch (error) {
      hasFailed = true;
      onError(error);
    }
  };
  const schedule = () => {
    if (isClosed) return;
    timer = setTimeout(() => {
      polling = poll().finally(schedule);
    }, input.intervalMs ?? POLL_MS);
    timer.unref();
  };

  return {
    subscribe: (listener) => listeners.subscribe(listener),
    async start() {
      lastId = await store.changes.latestId();
      own.start(store);
      stopPruning = startPruning({ store, onError });
      schedule();
    },
    async close() {
      isClosed = true;
      own.close();
      clearTimeout(timer);
      stopPruning?.();
      await polling;
    },
  };
}
