import type { Clock } from '../lib/clock.js';
import type { Store } from '../content/store.js';

/** What every operation is handed: where content lives and what time it is. */
export interface OperationContext {
  store: Store;
  clock: Clock;
}
