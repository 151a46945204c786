import type { Expression, Kysely, Migration, RawBuilder, SqlBool } from 'kysely';
import type { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/sqlite';
import type { Database } from './schema.js';

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
  jsonArrayFrom: typeof jsonArrayFrom;
  jsonObjectFrom: typeof jsonObjectFrom;
  /** A condition on `p` (posts) that is true for posts matching the reader's search text. */
  searchMatches(text: string): Expression<SqlBool> | RawBuilder<SqlBool>;
  /** The engine's query plan for a compiled query, as text, for tests that check indexes are used. */
  explain(query: { sql: string; parameters: readonly unknown[] }): Promise<string>;
  /** Closes connections; for SQLite, also checkpoints the WAL. */
  destroy(): Promise<void>;
}
