import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

const DEFAULT_SIZE = 256;

/**
 * Kysely prepares every statement anew; for the page queries, with their JSON
 * sub-selects, preparing costs several times more than running. This keeps
 * the most recently used prepared statements by their SQL text. Statements
 * are only ever used one at a time, because Kysely's SQLite driver runs one
 * query at a time on its single connection.
 */
export function withStatementCache(database: BetterSqlite3.Database, size = DEFAULT_SIZE): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Re-insert to mark it most recently used; Map keeps insertion order.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= size) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement as unknown as ReturnType<SqliteDatabase['prepare']>;
    },
  };
}
