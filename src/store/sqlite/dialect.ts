import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { migrations } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import { PreparedQueries } from '../prepared.js';

/** FTS5 reads quotes and operators; the reader's words are quoted so that nothing they type is syntax. */
function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 12)
    .map((word, index, all) => `"${word}"${index === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

export function createSqliteDialect(file: string, options: { onQuery?: (sql: string) => void } = {}): SqlDialect {
  const database = new BetterSqlite3(file);
  // WAL lets readers go on while a writer writes; NORMAL sync is safe with WAL
  // and avoids an fsync per commit; busy_timeout makes a second process (the
  // CLI beside a running server) wait instead of failing.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Site reads go to a read-only connection of their own: synchronous, never
  // queued behind a write transaction, and seeing only committed data.
  const reader = file === ':memory:' ? undefined : new BetterSqlite3(file, { readonly: true });
  reader?.pragma('busy_timeout = 5000');
  reader?.pragma('mmap_size = 268435456');
  const readStatements = reader && withStatementCache(reader);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(database) }),
    ...(options.onQuery ? { log: (event) => options.onQuery!(event.query.sql) } : {}),
  });
  return {
    name: 'sqlite',
    db,
    migrations,
    prepared: new PreparedQueries(),
    ...(readStatements
      ? {
          read(query: string, parameters: readonly unknown[]) {
            options.onQuery?.(query);
            return readStatements.prepare(query).all(parameters);
          },
        }
      : {}),
    utf8Bytes: (column) => sql<Buffer>`CAST(${sql.ref(column)} AS BLOB)`,
    isSet: (column) => sql<boolean>`${sql.ref(column)} = 1`,
    searchTerm(text) {
      const query = ftsQuery(text);
      return query === '' ? undefined : query;
    },
    searchMatches(term) {
      return sql<boolean>`p.id IN (SELECT rowid FROM posts_fts WHERE posts_fts MATCH ${term})`;
    },
    async explain(query) {
      const rows = database.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
      return rows.map((row) => row.detail).join('\n');
    },
    async destroy() {
      reader?.close();
      await db.destroy();
    },
  };
}
