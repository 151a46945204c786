import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type StoreLocation } from '../../src/store/open-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';

/**
 * Every store test runs on both real engines. SQLite gets a fresh file; PostgreSQL
 * gets a fresh schema in the test database, dropped afterwards, so test files can
 * run in parallel against one server.
 */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const isCi = process.env.CI === 'true' || process.env.CI === '1';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

let postgresReachable: Promise<string | undefined> | undefined;

/** undefined when PostgreSQL answers; otherwise why not. */
export function postgresProblem(): Promise<string | undefined> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL at ${POSTGRES_URL} is not reachable (${(error as Error).message}); set TEST_DATABASE_URL`;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return postgresReachable;
}

/**
 * The node:test `skip` option for an engine: false to run. In CI a missing
 * PostgreSQL is a failure, not a skip, so this throws there.
 */
export async function skipUnless(engine: Engine): Promise<string | false> {
  if (engine === 'sqlite') return false;
  const problem = await postgresProblem();
  if (!problem) return false;
  if (isCi) throw new Error(`${problem}. CI must run the PostgreSQL tests.`);
  return problem;
}

export interface TestStore {
  store: SqlStore;
  location: StoreLocation;
  dataDir: string;
  cleanup(): Promise<void>;
}

/**
 * Test files run in parallel, each with PostgreSQL schemas of its own. The
 * migrator looks through the whole catalogue, which fails ("schema … does not
 * exist") when another file drops its schema at that moment; so creating,
 * migrating and dropping test schemas take turns, across processes, under one
 * advisory lock. (A site has one schema; this is the tests' own concern.)
 */
const SCHEMA_LOCK = 73_424_201;

async function underSchemaLock<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SCHEMA_LOCK]);
    return await work(client);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SCHEMA_LOCK]).catch(() => undefined);
    await client.end();
  }
}

export async function createTestStore(engine: Engine, options: { onQuery?: (sql: string) => void } = {}): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'masthead-test-'));
  if (engine === 'sqlite') {
    const location: StoreLocation = { engine: 'sqlite', file: join(dataDir, 'masthead.sqlite') };
    const store = await openStore(location, options);
    return {
      store,
      location,
      dataDir,
      async cleanup() {
        await store.close().catch(() => undefined);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = `test_${randomBytes(6).toString('hex')}`;
  await underSchemaLock((client) => client.query(`CREATE SCHEMA ${schema}`));
  const location: StoreLocation = { engine: 'postgres', url: POSTGRES_URL, schema };
  const dropSchema = () => underSchemaLock((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  let store: SqlStore;
  try {
    store = await underSchemaLock(() => openStore(location, options));
  } catch (error) {
    await dropSchema();
    throw error;
  }
  return {
    store,
    location,
    dataDir,
    async cleanup() {
      await store.close().catch(() => undefined);
      await dropSchema();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
