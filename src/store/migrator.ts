import { Migrator } from 'kysely';
import type { SqlDialect } from './dialect.js';

/** The one migrator configuration, shared by `migrate` and the readiness check so both look at the same bookkeeping table. */
export function migratorFor(dialect: SqlDialect): Migrator {
  return new Migrator({
    db: dialect.db,
    provider: { getMigrations: async () => dialect.migrations },
    migrationTableName: 'masthead_migrations',
    migrationLockTableName: 'masthead_migrations_lock',
    ...(dialect.migrationSchema ? { migrationTableSchema: dialect.migrationSchema } : {}),
  });
}

/** Names of the migrations this program has that the store has not applied yet (it is not ready to serve until none are left). */
export async function pendingMigrations(dialect: SqlDialect): Promise<string[]> {
  const migrations = await migratorFor(dialect).getMigrations();
  return migrations.filter((migration) => migration.executedAt === undefined).map((migration) => migration.name);
}
