import { sql, type Kysely } from 'kysely';

// Abuse limits that every process and machine share: one counter row per key
// (an address, an account, a device) and window, bumped by a single upsert so
// concurrent requests never read the same count; and the devices an account
// has signed in from, kept only as the SHA-256 of their cookie's token, so a
// locked account can still sign in from one of them. Times are milliseconds
// since the epoch (compared, never shown). Mirrors sqlite/0009. Immutable
// once landed.
const statements = [
  `CREATE TABLE IF NOT EXISTS rate_counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    resets_at BIGINT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS rate_counters_by_reset ON rate_counters (resets_at)`,
  `CREATE TABLE IF NOT EXISTS known_devices (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS known_devices_by_user ON known_devices (user_id, expires_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
