import type { Expression, Kysely, Migration, RawBuilder, SqlBool } from 'kysely';
import type { Database } from './schema.js';
import type { PreparedQueries } from './prepared.js';
import type { StoreAvailability } from './store-availability.js';
import type { CommittedChanges } from './committed-changes.js';
import type { RecordedChange } from '../content/store-changes.js';

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. The
 * two implementations sit in store/sqlite/ and store/postgres/, mirrored file
 * for file; the queries in store/queries/ are written once against this.
 */
export interface SqlDialect {
  name: 'sqlite' | 'postgres';
  db: Kysely<Database>;
  migrations: Record<string, Migration>;
  /** Where the migration bookkeeping tables live (PostgreSQL schema), so two schemas in one database never share them. */
  migrationSchema?: string;
  /** A text column read as its UTF-8 bytes (a Buffer), not decoded into a string. */
  utf8Bytes(column: string): RawBuilder<Buffer>;
  /**
   * A flag column is set (0/1 on SQLite, boolean on PostgreSQL), written the
   * way the engine's partial indexes on it are (`WHERE is_sticky = 1` /
   * `WHERE is_sticky`), so such an index serves the query.
   */
  isSet(column: string): RawBuilder<SqlBool>;
  /** The reader's search text as the engine's search parameter, or undefined when it has no words. */
  searchTerm(text: string): string | undefined;
  /** A condition on `p` (posts) that is true for posts matching a term from searchTerm(). */
  searchMatches(term: string): Expression<SqlBool> | RawBuilder<SqlBool>;
  /**
   * Runs one of the site's compiled reads (store/prepared.ts) by the shortest
   * way the engine has: SQLite synchronously on a read-only connection of its
   * own (in WAL mode readers never wait for the writer); PostgreSQL as a named
   * prepared statement straight on the pool, one round trip, parsed and
   * planned once per connection. `shape` names the statement. Absent inside a
   * transaction, whose reads must see its own writes on its own connection.
   */
  read?: (query: { shape: string; sql: string; parameters: readonly unknown[] }) => unknown[] | Promise<unknown[]>;
  /**
   * What a claim's inner SELECT ends with so that concurrent claimants pass
   * over rows another has locked instead of waiting for them: PostgreSQL's
   * `FOR UPDATE SKIP LOCKED`; nothing on SQLite, whose one writer claims alone.
   */
  skipLocked: RawBuilder<unknown>;
  /**
   * Where a read crosses a network (PostgreSQL), a value that changes with
   * every write to a row (its xmin), so that the site's article read sends
   * the version of the fragments it already holds and gets "unchanged" back
   * instead of the same bytes (store/known-rows.ts). Absent on SQLite, whose
   * reads are in-process copies that revalidation would only slow down.
   */
  rowVersion?: (alias: string) => RawBuilder<string>;
  /** Site queries compiled once per shape, shared by the store and its transactions. */
  prepared: PreparedQueries;
  /** The engine's query plan for a compiled query, as text, for tests that check indexes are used. */
  explain(query: { sql: string; parameters: readonly unknown[] }): Promise<string>;
  /** Whether the database answered the last statement; statements through `db` and `read` keep it up to date. */
  availability: StoreAvailability;
  /**
   * Resolves when the database answers and is the one this process opened
   * (an SQLite file removed or replaced at its path fails); rejects with
   * STORE_UNAVAILABLE otherwise. Cheap enough for a load balancer's probe.
   */
  checkHealth(): Promise<void>;
  /**
   * A statement run right after a change is recorded in the outbox, in the
   * same transaction, that tells other machines of it: pg_notify on
   * PostgreSQL, delivered only if the transaction commits. Absent on SQLite,
   * where other processes read the outbox themselves (src/change-bus/).
   */
  notifyChange?: (id: number) => RawBuilder<unknown>;
  /** This process's listeners to committed changes (Store.onCommittedChange); the store sets it. */
  committed?: CommittedChanges;
  /** Inside a transaction: the changes it recorded, told to `committed` once it commits (dropped if it rolls back). */
  recordedInTransaction?: RecordedChange[];
  /**
   * Runs fn while no other process starting on the same store runs its own
   * (store/{sqlite,postgres}/start-lock.ts): instances started together
   * migrate and seed the demo once, one after the other.
   */
  withStartLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Closes connections; for SQLite, also checkpoints the WAL. */
  destroy(): Promise<void>;
}
