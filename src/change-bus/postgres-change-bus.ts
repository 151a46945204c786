import pg from 'pg';
import type { Store } from '../content/store.js';
import { changeChannel } from '../store/postgres/change-channel.js';
import { ChangeListeners, OwnChanges, signalOf, type ChangeBus } from './change-bus.js';
import { startPruning } from './prune-changes.js';

/** Waits between attempts to connect again: doubling from the first to the last. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5_000;
/** How long a failed read of notified changes waits before it is tried again. */
const REREAD_MS = 500;

export interface PostgresChangeBusOptions {
  url: string;
  /** The store's schema, when not `public`: its channel is its own (store/postgres/change-channel.ts). */
  schema?: string;
  store: Store;
  /** How the listening connection names itself in pg_stat_activity, so an operator (or a test) can find it. */
  applicationName?: string;
  onError: (error: unknown) => void;
}

/**
 * The PostgreSQL driver: a connection of its own (not from the pool, which
 * would take it back) LISTENs on the store's channel. A change's transaction
 * notifies with the outbox row's id, which PostgreSQL delivers on commit, in
 * commit order; the bus then reads exactly the rows it was told of through
 * the store. (Reading "every row since the last id seen" would skip one:
 * ids are handed out when a row is written, but transactions commit in any
 * order, so id 12 can be seen before id 11 commits.) When the connection is
 * lost, it connects again with backoff, LISTENs again and tells listeners to
 * resync, since notifications sent meanwhile were not heard.
 */
export function postgresChangeBus(options: PostgresChangeBusOptions): ChangeBus {
  const { store, onError } = options;
  const channel = changeChannel(options.schema);
  const listeners = new ChangeListeners(onError);
  const own = new OwnChanges(listeners);
  const notified = new Set<number>();
  let client: pg.Client | undefined;
  let isClosed = false;
  let isReading = false;
  let reconnecting: Promise<void> | undefined;
  let stopPruning: (() => void) | undefined;
  /** Waits in progress, each ended early when the bus closes. */
  const waits = new Map<NodeJS.Timeout, () => void>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        waits.delete(timer);
        resolve();
      }, ms);
      waits.set(timer, resolve);
    });

  /** Reads the notified rows, oldest first, until none are left; a failed read keeps them and is tried again. */
  const readNotified = async () => {
    if (isReading) return;
    isReading = true;
    try {
      while (notified.size > 0 && !isClosed) {
        const ids = [...notified];
        try {
          const changes = await store.changes.findByIds(ids);
          for (const id of ids) notified.delete(id);
          for (const change of changes) listeners.emit(signalOf(change));
        } catch (error) {
          onError(error);
          await wait(REREAD_MS);
        }
      }
    } finally {
      isReading = false;
    }
  };

  const connect = async (): Promise<pg.Client> => {
    const next = new pg.Client({
      connectionString: options.url,
      application_name: options.applicationName ?? 'masthead-changes',
      // A half-open connection (a machine gone) is found by the kernel; the site's safety poll covers the wait.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      connectionTimeoutMillis: 3_000,
    });
    next.on('notification', (message) => {
      const id = Number(message.payload);
      if (message.channel !== channel || !Number.isSafeInteger(id)) return;
      // This process's own change was heard when it committed: nothing to read.
      if (own.isOwn(id)) return;
      notified.add(id);
      void readNotified();
    });
    next.on('error', (error) => lost(next, error));
    next.on('end', () => lost(next, new Error('The change signals connection ended')));
    try {
      await next.connect();
      await next.query(`LISTEN ${next.escapeIdentifier(channel)}`);
      return next;
    } catch (error) {
      next.removeAllListeners('end');
      await next.end().catch(() => undefined);
      throw error;
    }
  };

  /** Connects until it succeeds (or the bus is closed), then says resync: notifications sent meanwhile were lost. */
  const reconnect = () => {
    reconnecting ??= (async () => {
      for (let attempt = 0; !isClosed; attempt++) {
        await wait(Math.min(RECONNECT_FIRST_MS * 2 ** attempt, RECONNECT_MAX_MS));
        if (isClosed) break;
        try {
          client = await connect();
          if (isClosed) break;
          listeners.emit({ kind: 'resync' });
          break;
        } catch (error) {
          if (attempt === 0) onError(error);
        }
      }
      reconnecting = undefined;
    })();
  };

  function lost(which: pg.Client, error: unknown): void {
    if (client !== which) return;
    client = undefined;
    which.removeAllListeners('end');
    which.end().catch(() => undefined);
    if (isClosed) return;
    onError(error);
    reconnect();
  }

  return {
    subscribe: (listener) => listeners.subscribe(listener),
    async start() {
      own.start(store);
      try {
        client = await connect();
      } catch (error) {
        // Not a reason to refuse to serve: the site works on its safety poll until the connection is made.
        onError(error);
        reconnect();
      }
      stopPruning = startPruning({ store, onError });
    },
    async close() {
      isClosed = true;
      own.close();
      stopPruning?.();
      for (const [timer, resolve] of waits) {
        clearTimeout(timer);
        resolve();
      }
      waits.clear();
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
      await reconnecting;
    },
  };
}
