import { statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { migrations } from './migrations/index.js';
import { withStatementCache } from './statement-cache.js';
import { PreparedQueries } from '../prepared.js';
import { guarded, guardedDialect, type Guard } from '../guarded-dialect.js';
import { StoreAvailability } from '../store-availability.js';
import { withSqliteStartLock } from './start-lock.js';

/** FTS5 reads quotes and operators; the reader's words are quoted so that nothing they type is syntax. */
function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .slice(0, 12)
    .map((word, index, all) => `"${word}"${index === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

/**
 * Result codes meaning the file cannot be used now, not that a statement is
 * wrong: locked by another process past the busy timeout (BUSY, LOCKED), the
 * disk or a size limit full (FULL), the disk failing (IOERR_*), the file gone,
 * moved or not writable (CANTOPEN, READONLY_* — SQLite refuses writes to a
 * file unlinked while open with READONLY_DBMOVED), or damaged (CORRUPT, NOTADB).
 */
const UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN|READONLY|CORRUPT|NOTADB|PROTOCOL)/;

export function isSqliteUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && UNAVAILABLE.test(code);
}

/** The file's identity: a file removed and another put at the path (a restored backup) has another. */
function fileIdentity(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return undefined;
  }
}

/** The error a removed or replaced database file is reported with, as SQLite names it in rollback-journal mode. */
function fileMoved(file: string): Error {
  return Object.assign(new Error(`The database file ${file} was removed or replaced while open`), { code: 'SQLITE_READONLY_DBMOVED' });
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
  // Reads run synchronously, so a wait here holds up the whole process: a WAL
  // reader waits only when another process holds the file exclusively, and
  // then the page should fail fast (503) rather than stall every request.
  reader?.pragma('busy_timeout = 500');
  // Mapped pages count as the process's memory: 64 MB covers the hot pages of a large site (the response
  // cache answers the rest without reading), where 256 MB grew the process by the whole file as a crawl read it.
  reader?.pragma('mmap_size = 67108864');
  const readStatements = reader && withStatementCache(reader);
  const availability = new StoreAvailability();
  const identity = file === ':memory:' ? undefined : fileIdentity(file);
  let hasMoved = false;
  let checkedAt = 0;
  const isSameFile = () => {
    checkedAt = Date.now();
    hasMoved = identity !== undefined && fileIdentity(file) !== identity;
    return !hasMoved;
  };
  // Site reads are the hot path: they look again at most once a second and
  // otherwise trust the last look (a save or the health probe looks every time).
  const isSameFileLately = () => (Date.now() - checkedAt < 1000 ? !hasMoved : isSameFile());
  // In WAL mode SQLite goes on writing to a file removed while open, and every
  // save after that would be lost: each statement through `db` (saves, and the
  // reads of a save) first checks that the file at the path is still this one,
  // a stat costing microseconds; site reads answer 503 with them, so the site
  // says one thing, not pages from the removed file beside refused saves.
  const guard: Guard = {
    isUnavailable: isSqliteUnavailable,
    availability,
    beforeAcquire: () => {
      if (!isSameFile()) throw fileMoved(file);
    },
  };
  const db = new Kysely<Database>({
    dialect: guardedDialect(new SqliteDialect({ database: withStatementCache(database) }), guard),
    ...(options.onQuery ? { log: (event) => options.onQuery!(event.query.sql) } : {}),
  });
  return {
    name: 'sqlite',
    db,
    migrations,
    prepared: new PreparedQueries(),
    availability,
    async checkHealth() {
      await guarded(guard, () => {
        if (!isSameFile()) throw fileMoved(file);
        // A read of the schema touches the file (a lock held elsewhere, a damaged header), as SELECT 1 would not;
        // on the reader, so that a long write transaction (an import) does not hold the probe up.
        if (reader) return reader.prepare('SELECT count(*) AS n FROM sqlite_master').get();
        return sql`SELECT count(*) AS n FROM sqlite_master`.execute(db);
      });
    },
    ...(readStatements
      ? {
          read({ sql: query, parameters }: { sql: string; parameters: readonly unknown[] }) {
            options.onQuery?.(query);
            return guarded(guard, () => {
              if (!isSameFileLately()) throw fileMoved(file);
              return readStatements.prepare(query).all(parameters);
            });
          },
        }
      : {}),
    utf8Bytes: (column) => sql<Buffer>`CAST(${sql.ref(column)} AS BLOB)`,
    isSet: (column) => sql<boolean>`${sql.ref(column)} = 1`,
    skipLocked: sql``,
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
    withStartLock: (fn) => withSqliteStartLock(file, fn),
    async destroy() {
      reader?.close();
      await db.destroy();
    },
  };
}
