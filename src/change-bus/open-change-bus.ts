import type { Store } from '../content/store.js';
import type { StoreLocation } from '../store/open-store.js';
import type { ChangeBus } from './change-bus.js';

export interface OpenChangeBusInput {
  /** Where the store is: the bus rides on the same database. */
  location: StoreLocation;
  store: Store;
  /** How the PostgreSQL listening connection names itself in pg_stat_activity (default "masthead-changes"). */
  applicationName?: string;
  /** Told of failures (a lost connection, a read that failed); the bus goes on by itself. */
  onError: (error: unknown) => void;
}

/**
 * The one place that picks a driver, from the store's engine: PostgreSQL
 * LISTEN/NOTIFY, or reading the SQLite outbox. The bus is returned started.
 */
export async function openChangeBus(input: OpenChangeBusInput): Promise<ChangeBus> {
  const { location, store, onError } = input;
  let bus: ChangeBus;
  if (location.engine === 'postgres') {
    const { postgresChangeBus } = await import('./postgres-change-bus.js');
    bus = postgresChangeBus({ url: location.url, schema: location.schema, store, onError, applicationName: input.applicationName });
  } else {
    const { pollingChangeBus } = await import('./polling-change-bus.js');
    bus = pollingChangeBus({ store, onError });
  }
  await bus.start();
  return bus;
}
