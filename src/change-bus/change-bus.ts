import type { Change, RecordedChange } from '../content/store-changes.js';
import type { Store } from '../content/store.js';

export type { Change, ChangeKind } from '../content/store-changes.js';

/**
 * What a listener hears: a change some process committed (this one's too),
 * or `resync`, meaning "changes may have been missed (the connection that
 * carries them was lost, or the store did not answer): reload everything you
 * keep". A listener that keeps nothing may ignore resync.
 */
export type ChangeSignal = Change | { kind: 'resync' };

/** May return a promise; a rejection is reported to the bus's onError, never thrown at the bus. */
export type ChangeListener = (signal: ChangeSignal) => void | Promise<void>;

/**
 * One bus inside the program for "this changed". Operations record changes
 * in the store (store.changes.record, in their transaction); a driver carries
 * them from the store to every subscriber in every process: PostgreSQL
 * LISTEN/NOTIFY between machines (postgres-change-bus.ts), reading the
 * outbox between the processes of one machine on SQLite
 * (polling-change-bus.ts). Opened once in the composition root
 * (open-change-bus.ts); nothing else knows which driver runs.
 */
export interface ChangeBus {
  /** Hears every change committed from now on, in commit order, and resync signals; returns a function that stops listening. */
  subscribe(listener: ChangeListener): () => void;
  /** Begins carrying changes; the ones committed before start are not delivered. */
  start(): Promise<void>;
  /** Stops carrying changes and closes what start opened. */
  close(): Promise<void>;
}

/** The subscribers of a bus: each hears each signal; one that throws does not keep it from the others. */
export class ChangeListeners {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly onError: (error: unknown) => void) {}

  subscribe(listener: ChangeListener): () => void {
    // Wrapped, so a listener subscribed twice is two subscriptions, each removed by its own function.
    const entry: ChangeListener = (signal) => listener(signal);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  emit(signal: ChangeSignal): void {
    for (const listener of [...this.listeners]) {
      try {
        const result = listener(signal);
        if (result) result.catch(this.onError);
      } catch (error) {
        this.onError(error);
      }
    }
  }
}

/** A change as listeners hear it: what changed, without its place in the outbox. */
export function signalOf(change: RecordedChange): Change {
  return { kind: change.kind, ...(change.ids ? { ids: change.ids } : {}), ...(change.lists ? { lists: change.lists } : {}) };
}

/** Own changes remembered at most: one the driver never brings back (a lost notification) is forgotten after this many. */
const OWN_CHANGES_KEPT = 10_000;

/**
 * This process's own changes, heard from the store the moment they commit
 * (Store.onCommittedChange) rather than when the driver brings them back
 * from the outbox: a cache in this process is then current before the
 * request that made the change is answered. The driver asks `isOwn` of each
 * change it brings, so none is heard twice.
 */
export class OwnChanges {
  private readonly delivered = new Set<number>();
  private stop: (() => void) | undefined;

  constructor(private readonly listeners: ChangeListeners) {}

  start(store: Pick<Store, 'onCommittedChange'>): void {
    this.stop = store.onCommittedChange((change) => {
      this.delivered.add(change.id);
      if (this.delivered.size > OWN_CHANGES_KEPT) this.delivered.delete(this.delivered.values().next().value!);
      this.listeners.emit(signalOf(change));
    });
  }

  /** Whether the change with this id was this process's own, already heard (each is answered true once). */
  isOwn(id: number): boolean {
    return this.delivered.delete(id);
  }

  close(): void {
    this.stop?.();
  }
}
