import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * The bench's own PostgreSQL database: created on the server the bench is
 * given, dropped at the end. The server's connections name themselves with
 * an application_name of the run's own, so the backends serving them can be
 * found in pg_stat_activity and their CPU time read from /proc (only when
 * the server runs on this machine).
 */
export interface BenchDatabase {
  /** DATABASE_URL for Masthead: the new database, with the run's application_name. */
  url: string;
  applicationName: string;
  /** Whether the server is on this machine, so its backends' /proc entries are theirs. */
  isLocal: boolean;
  /** Pids of the backends serving Masthead's connections now. */
  backendPids(): Promise<number[]>;
  /** Gathers the planner's statistics, as autovacuum would soon after a load: a freshly seeded database has none. */
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const suffix = randomBytes(4).toString('hex');
  const name = `masthead_bench_${suffix}`;
  const applicationName = `masthead-bench-${suffix}`;
  const admin = new pg.Client({ connectionString: adminUrl, application_name: 'masthead-bench-admin' });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end();
    throw error;
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  url.searchParams.set('application_name', applicationName);
  const host = url.hostname;
  return {
    url: url.toString(),
    applicationName,
    isLocal: host === '' || host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host.startsWith('/'),
    async backendPids() {
      const result = await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = $2', [applicationName, name]);
      return result.rows.map((row) => row.pid);
    },
    async analyze() {
      const client = new pg.Client({ connectionString: url.toString().replace(applicationName, 'masthead-bench-admin') });
      await client.connect();
      try {
        await client.query('ANALYZE');
      } finally {
        await client.end();
      }
    },
    async drop() {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
