import type { CompiledQuery, DatabaseConnection, Dialect, Driver, QueryResult, TransactionSettings } from 'kysely';
import { isStoreUnavailable, storeUnavailable } from '../lib/unavailable.js';
import type { StoreAvailability } from './store-availability.js';

export interface Guard {
  /** The engine's own judgement: does this error mean the database is not there (rather than a bad statement)? */
  isUnavailable(error: unknown): boolean;
  availability: StoreAvailability;
  /** Throws when the database must not be used now, before a connection is handed out (SQLite: the file at the path is no longer the one open). */
  beforeAcquire?: () => void;
}

/**
 * The store's edge: every statement Kysely runs, in or out of a transaction,
 * passes through here, so a driver error meaning "the database is not there"
 * becomes STORE_UNAVAILABLE in this one place and nowhere else, and the
 * availability tracker hears of every failure and recovery.
 */
export function guardedDialect(inner: Dialect, guard: Guard): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createDriver: () => new GuardedDriver(inner.createDriver(), guard),
  };
}

/** Runs `work`, turning an unavailable-store error into STORE_UNAVAILABLE and telling the tracker either way. */
export function guarded<T>(guard: Guard, work: () => T): T {
  const startedAt = performance.now();
  let result: T;
  try {
    result = work();
  } catch (error) {
    throw classified(guard, error, startedAt);
  }
  if (result instanceof Promise) {
    return result.then(
      (value) => (guard.availability.answered(), value),
      (error: unknown) => Promise.reject(classified(guard, error, startedAt)),
    ) as T;
  }
  guard.availability.answered();
  return result;
}

function classified(guard: Guard, error: unknown, startedAt: number): unknown {
  if (isStoreUnavailable(error)) return error;
  if (!guard.isUnavailable(error)) {
    // A refused statement (a constraint, a syntax error) is still an answer.
    guard.availability.answered();
    return error;
  }
  guard.availability.failed(error, startedAt);
  return storeUnavailable(error);
}

class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly guard: Guard,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return guarded(this.guard, () => this.inner.executeQuery<R>(query));
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const startedAt = performance.now();
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (error) {
      throw classified(this.guard, error, startedAt);
    }
  }
}

/** The engine's driver with its errors classified; the engine sees its own connections, never the wrappers. */
class GuardedDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly guard: Guard,
  ) {}

  init(): Promise<void> {
    return guarded(this.guard, () => this.inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await guarded(this.guard, () => {
      this.guard.beforeAcquire?.();
      return this.inner.acquireConnection();
    });
    return new GuardedConnection(connection, this.guard);
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return guarded(this.guard, () => this.inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return guarded(this.guard, () => this.inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return guarded(this.guard, () => this.inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(...[connection, ...rest]: Parameters<NonNullable<Driver['savepoint']>>): Promise<void> {
    return guarded(this.guard, () => this.inner.savepoint!(unwrap(connection), ...rest));
  }

  rollbackToSavepoint(...[connection, ...rest]: Parameters<NonNullable<Driver['rollbackToSavepoint']>>): Promise<void> {
    return guarded(this.guard, () => this.inner.rollbackToSavepoint!(unwrap(connection), ...rest));
  }

  releaseSavepoint(...[connection, ...rest]: Parameters<NonNullable<Driver['releaseSavepoint']>>): Promise<void> {
    return guarded(this.guard, () => this.inner.releaseSavepoint!(unwrap(connection), ...rest));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof GuardedConnection ? connection.inner : connection;
}
