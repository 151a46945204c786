import { sql, type Kysely } from 'kysely';

// Jobs that run once (src/jobs/): claimed by one process at a time with a
// lease, fenced by a token the claim writes, retried with backoff, resumed
// from their progress checkpoint after a crash. A dedupe key is unique among
// pending (queued or running) jobs only, so one settings change after another
// keeps one re-render queued, and a finished job does not block the next.
// Mirrors postgres/0011. Immutable once landed.
const statements = [
  `CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_after TEXT NOT NULL,
    claimed_by TEXT,
    claim_token TEXT,
    lease_until TEXT,
    progress TEXT NOT NULL,
    last_error TEXT,
    dedupe_key TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    finished_at TEXT
  )`,
  `CREATE UNIQUE INDEX IF NOT EXISTS jobs_pending_dedupe ON jobs (dedupe_key) WHERE status IN ('queued', 'running')`,
  `CREATE INDEX IF NOT EXISTS jobs_claimable ON jobs (status, run_after)`,
  `CREATE INDEX IF NOT EXISTS jobs_by_finish ON jobs (finished_at) WHERE finished_at IS NOT NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
