import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MigrationResult } from 'kysely';
import { AppError } from '../lib/errors.js';
import { isStoreUnavailable } from '../lib/unavailable.js';
import type { SqlDialect } from './dialect.js';
import { SqlStore } from './sql-store.js';
import { migratorFor } from './migrator.js';

export type StoreLocation =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; schema?: string; poolMax?: number };

/** SQLite in DATA_DIR unless a postgres:// URL is given. */
export function storeLocation(input: { databaseUrl?: string; dataDir: string; databasePoolMax?: number }): StoreLocation {
  if (input.databaseUrl && /^postgres(ql)?:\/\//.test(input.databaseUrl)) return { engine: 'postgres', url: input.databaseUrl, poolMax: input.databasePoolMax };
  if (input.databaseUrl?.startsWith('sqlite:')) return { engine: 'sqlite', file: input.databaseUrl.slice('sqlite:'.length) };
  return { engine: 'sqlite', file: join(input.dataDir, 'masthead.sqlite') };
}

export interface OpenOptions {
  /** Migrate before use (the default); `masthead migrate` does it on its own. */
  shouldMigrate?: boolean;
  /** Called with every SQL statement; tests use it to count a page's queries. */
  onQuery?: (sql: string) => void;
  /**
   * Work done once per store at start (the demo seed), run after the
   * migrations under the same start lock, so that of instances starting
   * together one does it and the others find it done.
   */
  prepare?: (store: SqlStore) => Promise<void>;
}

/** Loads only the chosen engine's driver: a SQLite site never loads pg, and the other way round. */
export async function openDialect(location: StoreLocation, options: OpenOptions = {}): Promise<SqlDialect> {
  if (location.engine === 'postgres') {
    const { createPostgresDialect } = await import('./postgres/dialect.js');
    return createPostgresDialect({ url: location.url, schema: location.schema, poolSize: location.poolMax, onQuery: options.onQuery });
  }
  if (location.file !== ':memory:') mkdirSync(join(location.file, '..'), { recursive: true });
  const { createSqliteDialect } = await import('./sqlite/dialect.js');
  return createSqliteDialect(location.file, { onQuery: options.onQuery });
}

export interface MigrationReport {
  applied: string[];
}

/** Applies pending migrations in order; safe to run on every start and from several instances at once. */
export async function migrate(dialect: SqlDialect): Promise<MigrationReport> {
  const { error, results } = await migratorFor(dialect).migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    // A store that cannot be reached is an outage, to wait out; a migration that fails on a reachable store is a bug.
    if (isStoreUnavailable(error)) throw error;
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('INTERNAL', `Migration ${failed} failed: ${(error as Error).message}`, { cause: error });
  }
  return { applied };
}

/** Opens the store; migrates it and runs `prepare` under the start lock (see SqlDialect.withStartLock). */
export async function openStore(location: StoreLocation, options: OpenOptions = {}): Promise<SqlStore> {
  const dialect = await openDialect(location, options);
  const store = new SqlStore(dialect);
  const { prepare, shouldMigrate = true } = options;
  let isPreparing = false;
  try {
    if (shouldMigrate || prepare) {
      await dialect.withStartLock(async () => {
        if (shouldMigrate) await migrate(dialect);
        isPreparing = true;
        await prepare?.(store);
      });
    }
  } catch (error) {
    await dialect.destroy();
    // What prepare throws is its own (a store that went away during it is already STORE_UNAVAILABLE).
    if (error instanceof AppError || isPreparing) throw error;
    throw new AppError('STORE_UNAVAILABLE', `Cannot open the ${location.engine} store: ${(error as Error).message}`, { cause: error });
  }
  return store;
}
