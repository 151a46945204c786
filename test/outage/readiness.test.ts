import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { isPostgresUnavailable } from '../../src/store/postgres/dialect.js';
import { isSqliteUnavailable } from '../../src/store/sqlite/dialect.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { startServer, type RunningServer } from '../helpers/server.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('which driver errors mean the store is not there', () => {
  test('PostgreSQL: a lost or refused connection and a server shutting down are outages; a bad statement or a clash is not', () => {
    for (const error of [withCode('ECONNREFUSED'), withCode('ECONNRESET'), withCode('57P01'), withCode('57P03'), withCode('08006'), withCode('53300'), new Error('Connection terminated unexpectedly'), new Error('timeout exceeded when trying to connect')]) {
      assert.equal(isPostgresUnavailable(error), true, error.message + (error as { code?: string }).code);
    }
    // A slug already taken, a syntax error, a check failing: the request's fault, answered as such (409, 500), never as an outage.
    for (const error of [withCode('23505'), withCode('42601'), withCode('23514'), withCode('22P02'), new Error('no result')]) {
      assert.equal(isPostgresUnavailable(error), false, (error as { code?: string }).code ?? error.message);
    }
  });

  test('SQLite: locked, full, failing, gone, read-only or damaged files are outages; a constraint is not', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_CANTOPEN', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CORRUPT', 'SQLITE_NOTADB']) {
      assert.equal(isSqliteUnavailable(withCode(code)), true, code);
    }
    for (const code of ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_ERROR', 'SQLITE_MISMATCH', 'SQLITE_RANGE']) {
      assert.equal(isSqliteUnavailable(withCode(code)), false, code);
    }
  });
});

for (const engine of ENGINES) {
  describe(`/readyz (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    before(async () => {
      t = await createTestStore(engine);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('answers 200 when every migration is applied, and 503 naming the one missing otherwise, while /healthz stays 200', async () => {
      const ready = await server.get('/readyz');
      assert.equal(ready.status, 200);
      assert.equal(ready.headers.get('cache-control'), 'no-store');
      const body = (await ready.json()) as { status: string; responseCache?: { entries: number; bytes: number; maxBytes: number } };
      assert.equal(body.status, 'ready');
      // With how full the response cache is, for an operator sizing CACHE_MAX_MB.
      assert.equal(body.responseCache?.maxBytes, 64 * 1024 * 1024);

      const [latest] = Object.keys(t.store.dialect.migrations).sort().reverse();
      const table = t.store.dialect.migrationSchema ? sql.table(`${t.store.dialect.migrationSchema}.masthead_migrations`) : sql.table('masthead_migrations');
      const row = (await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM ${table} WHERE name = ${latest}`.execute(t.store.dialect.db)).rows[0]!;
      // As a server of an older version would find the store: one migration not applied yet.
      await sql`DELETE FROM ${table} WHERE name = ${latest}`.execute(t.store.dialect.db);
      try {
        const notReady = await server.get('/readyz');
        assert.equal(notReady.status, 503);
        assert.equal(notReady.headers.get('cache-control'), 'no-store');
        const body = (await notReady.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'STORE_UNAVAILABLE');
        assert.ok(body.error.message.includes(latest!), body.error.message);
        assert.equal((await server.get('/healthz')).status, 200, 'alive, only not ready');
      } finally {
        await sql`INSERT INTO ${table} (name, timestamp) VALUES (${row.name}, ${row.timestamp})`.execute(t.store.dialect.db);
      }
      assert.equal((await server.get('/readyz')).status, 200);
    });
  });
}
