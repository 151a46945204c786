import { createHash } from 'node:crypto';
import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { migrations } from './migrations/index.js';
import { PreparedQueries } from '../prepared.js';
import { guarded, guardedDialect, type Guard } from '../guarded-dialect.js';
import { StoreAvailability } from '../store-availability.js';
import { withPostgresStartLock } from './start-lock.js';
import { changeChannel } from './change-channel.js';

const TIMESTAMPTZ = 1184;
const INT8 = 20;
const JSON_OID = 114;
const JSONB = 3802;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ);

// Times leave the store as ISO strings on both engines, counts as numbers, and
// JSON as text (as SQLite gives it), so that rows.ts parses every JSON column
// the same way and a JSON string value is never mistaken for unparsed text.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === JSON_OID || oid === JSONB) return (value: string) => value;
    if (oid === TIMESTAMPTZ) return (value: string) => (parseTimestamp(value) as Date).toISOString();
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** How long a request waits for a connection before it fails (503) instead of hanging while the server is down. */
const CONNECT_TIMEOUT_MS = 3000;

/** Socket errors meaning the server is gone or unreachable, as Node names them. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

/**
 * SQLSTATEs meaning "the server is not there for you" rather than "this
 * statement is wrong": shutting down (57P01–57P03), too many connections
 * (53300), and the whole connection-exception class (08…).
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** What node-postgres says, without a code, when a connection dies under it or none comes in time. */
const LOST_CONNECTION = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|Cannot use a pool after calling end/i;

export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || (/^[0-9A-Z]{5}$/.test(code) && isUnavailableState(code)))) return true;
  return LOST_CONNECTION.test(error.message);
}

/**
 * A prepared statement's name, from its shape key and its text: readable in
 * pg_stat_statements and pg_prepared_statements, within PostgreSQL's 63
 * bytes, and never the same for two texts (a connection refuses a name
 * reused for other SQL).
 */
function statementNames(): (shape: string, text: string) => string {
  const names = new Map<string, string>();
  return (shape, text) => {
    let name = names.get(text);
    if (name === undefined) {
      const hash = createHash('sha1').update(text).digest('base64url').slice(0, 10);
      name = `m:${shape.replace(/[^\w:-]/g, '_').slice(0, 48)}:${hash}`;
      names.set(text, name);
    }
    return name;
  };
}

export interface PostgresOptions {
  url: string;
  /** A schema to use instead of `public`; tests give each run its own. */
  schema?: string;
  poolSize?: number;
  /**
   * How the connections name themselves in pg_stat_activity (default
   * "masthead"); an `application_name` in the URL wins. The bench finds the
   * backends serving its server by it, to read their CPU time.
   */
  applicationName?: string;
  /** Called with each statement run; tests count queries with it. */
  onQuery?: (sql: string) => void;
}

export function createPostgresDialect(options: PostgresOptions): SqlDialect {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    // A half-open connection (a machine gone, a firewall's table flushed) is found by the kernel, not by a request hanging on it.
    keepAlive: true,
    application_name: options.applicationName ?? 'masthead',
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const availability = new StoreAvailability();
  // A connection that dies while idle in the pool, or between two statements of
  // a checked-out client, is reported as an 'error' event; without a listener
  // Node ends the process. The pool drops such a client and opens new ones on
  // demand, which is how it recovers when the server is back.
  pool.on('error', (error) => availability.failed(error));
  pool.on('connect', (client) => client.on('error', (error) => availability.failed(error)));
  const guard: Guard = { isUnavailable: isPostgresUnavailable, availability };
  const db = new Kysely<Database>({
    dialect: guardedDialect(new PostgresDialect({ pool }), guard),
    ...(options.onQuery ? { log: (event) => options.onQuery!(event.query.sql) } : {}),
  });
  const statementName = statementNames();
  return {
    name: 'postgres',
    db,
    migrations,
    migrationSchema: options.schema ?? 'public',
    prepared: new PreparedQueries(),
    availability,
    async checkHealth() {
      await sql`SELECT 1`.execute(db);
    },
    withStartLock: (fn) => withPostgresStartLock({ url: options.url, schema: options.schema, connectTimeoutMs: CONNECT_TIMEOUT_MS }, fn),
    // The site's reads go straight to the pool as named statements: one round trip (no BEGIN, no
    // Kysely connection bookkeeping), parsed and planned once per connection, then only bound and run.
    async read({ shape, sql: text, parameters }) {
      options.onQuery?.(text);
      const result = await guarded(guard, () => pool.query({ name: statementName(shape, text), text, values: parameters as unknown[] }));
      return result.rows;
    },
    notifyChange: (id) => sql`SELECT pg_notify(${changeChannel(options.schema)}, ${String(id)})`,
    utf8Bytes: (column) => sql<Buffer>`convert_to(${sql.ref(column)}, 'UTF8')`,
    isSet: (column) => sql<boolean>`${sql.ref(column)}`,
    skipLocked: sql`FOR UPDATE SKIP LOCKED`,
    rowVersion: (alias) => sql<string>`${sql.ref(`${alias}.xmin`)}::text`,
    searchTerm(text) {
      return /[\p{L}\p{N}]/u.test(text) ? text : undefined;
    },
    searchMatches(term) {
      return sql<boolean>`p.search_vector @@ websearch_to_tsquery('english', ${term})`;
    },
    async explain(query) {
      const client = await pool.connect();
      try {
        // Tiny test tables make a sequential scan cheapest whatever the indexes;
        // discouraging it shows whether an index *can* serve the query.
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        await client.query('SET LOCAL enable_sort = off');
        const result = await client.query(`EXPLAIN ${query.sql}`, query.parameters as unknown[]);
        await client.query('ROLLBACK');
        return result.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      } finally {
        client.release();
      }
    },
    async destroy() {
      await db.destroy();
    },
  };
}
