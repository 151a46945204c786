import { sql, type Kysely } from 'kysely';

// The change outbox: a row per "this changed" (settings, a post, terms…),
// written in the same transaction as the change itself, so a change that
// rolls back was never announced. Other processes read the rows written
// since the last one they saw (src/change-bus/). SQLite has one writer at a
// time, so ids are handed out and committed in the same order and reading
// "since id n" never skips a row. Rows are pruned after an hour. Mirrors
// postgres/0010. Immutable once landed.
const statements = [
  `CREATE TABLE IF NOT EXISTS change_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ids TEXT,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
