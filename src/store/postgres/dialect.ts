import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { migrations } from './migrations/index.js';
import { PreparedQueries } from '../prepared.js';

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

export interface PostgresOptions {
  url: string;
  /** A schema to use instead of `public`; tests give each run its own. */
  schema?: string;
  poolSize?: number;
  /** Called with each statement run; tests count queries with it. */
  onQuery?: (sql: string) => void;
}

export function createPostgresDialect(options: PostgresOptions): SqlDialect {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    ...(options.onQuery ? { log: (event) => options.onQuery!(event.query.sql) } : {}),
  });
  return {
    name: 'postgres',
    db,
    migrations,
    migrationSchema: options.schema ?? 'public',
    prepared: new PreparedQueries(),
    utf8Bytes: (column) => sql<Buffer>`convert_to(${sql.ref(column)}, 'UTF8')`,
    isSet: (column) => sql<boolean>`${sql.ref(column)}`,
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
