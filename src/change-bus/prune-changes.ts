import type { Store } from '../content/store.js';

/** How long a change stays in the outbox: far longer than any listener lags, short enough that the table stays small. */
export const CHANGE_RETENTION_MS = 60 * 60 * 1000;
/** How often each process prunes; several processes doing it is harmless (one DELETE of old rows). */
const PRUNE_EVERY_MS = 10 * 60 * 1000;

/** Prunes the outbox now and then, at a random moment in each interval so that instances started together do not prune together; returns a stop function. */
export function startPruning(input: { store: Store; onError: (error: unknown) => void; now?: () => Date }): () => void {
  const now = input.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let isStopped = false;
  const schedule = () => {
    if (isStopped) return;
    timer = setTimeout(() => {
      input.store.changes
        .prune(new Date(now().getTime() - CHANGE_RETENTION_MS).toISOString())
        .catch(input.onError)
        .finally(schedule);
    }, PRUNE_EVERY_MS / 2 + Math.random() * PRUNE_EVERY_MS);
    timer.unref();
  };
  schedule();
  return () => {
    isStopped = true;
    clearTimeout(timer);
  };
}
