import { sql, type Kysely } from 'kysely';

// Accounts: a password hash and a status on users; sessions, one-time tokens
// (invitations, password resets) and failed sign-ins, all stored as hashes or
// counts, never as secrets. Immutable once landed.
const statements = [
  `ALTER TABLE users ADD COLUMN password_hash TEXT`,
  `ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated'))`,
  `CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    user_agent TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id)`,
  `CREATE TABLE IF NOT EXISTS account_tokens (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'password-reset')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS account_tokens_by_user ON account_tokens (user_id, kind)`,
  `CREATE TABLE IF NOT EXISTS sign_in_failures (
    key TEXT NOT NULL,
    failed_at TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS sign_in_failures_by_key ON sign_in_failures (key, failed_at)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
