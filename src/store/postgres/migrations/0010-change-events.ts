import { sql, type Kysely } from 'kysely';

// The change outbox: a row per "this changed" (settings, a post, terms…),
// written in the same transaction as the change itself, which also calls
// pg_notify with the row's id: PostgreSQL delivers the notification only when
// the transaction commits, so a change that rolls back was never announced.
// Listeners read the rows they are notified of (src/change-bus/). Rows are
// pruned after an hour. Mirrors sqlite/0010. Immutable once landed.
const statements = [
  `CREATE TABLE IF NOT EXISTS change_events (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    ids JSONB,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
