import pg from 'pg';

/** The first key of the start lock's pair (ASCII "MSTR"); the second is the schema's hash, so two sites in one database start apart. */
const START_LOCK_CLASS = 0x4d535452;

/**
 * Runs fn while holding a session advisory lock on a connection of its own,
 * outside the pool: instances started together on one database migrate and
 * seed one after the other, and the later ones find the work done. The
 * connection is not the pool's, so a pool of one (DATABASE_POOL_MAX=1) still
 * has its connection for the work itself. Kysely's migrator takes its own
 * advisory lock (one bigint key, on the pool connection that migrates) inside
 * this one; the two cannot be one lock, since the migrator would wait for the
 * lock this other session holds. Taken always in this order, they never
 * deadlock, and `masthead migrate` run beside a starting server stays safe.
 * Should this process die, its session ends and PostgreSQL releases the lock.
 */
export async function withPostgresStartLock<T>(input: { url: string; schema?: string; connectTimeoutMs: number }, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: input.url,
    connectionTimeoutMillis: input.connectTimeoutMs,
    ...(input.schema ? { options: `-c search_path=${input.schema}` } : {}),
  });
  // A connection lost while fn runs is reported here and by the unlock below; without a listener Node would end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock($1, hashtext(coalesce(current_schema(), 'public')))`, [START_LOCK_CLASS]);
    return await fn();
  } finally {
    // Ending the session releases the lock, whatever fn did.
    await client.end().catch(() => undefined);
  }
}
