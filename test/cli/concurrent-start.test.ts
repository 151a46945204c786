import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort, killAll, REFERENCE_SLUG, start, tempDir, waitFor200, withTimeout, type Result } from '../helpers/cli-process.js';

/**
 * Three instances started at the same moment on one empty store, each with a
 * DATA_DIR of its own as separate machines have: one migrates and seeds the
 * demo, the others wait for it under the start lock and find it done. None
 * exits, the demo article exists once, and only the seeding instance wrote
 * pictures.
 */
const INSTANCES = 3;
const POSTGRES_URL = process.env.TEST_DATABASE_URL;
const isCi = process.env.CI === 'true' || process.env.CI === '1';
if (isCi && !POSTGRES_URL) throw new Error('CI must set TEST_DATABASE_URL: the concurrent start is tested on PostgreSQL.');

/** Files under a folder, recursively, as paths relative to it. */
function filesUnder(dir: string, prefix = ''): string[] {
  let entries;
  try {
    entries = readdirSync(join(dir, prefix), { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)]));
}

async function startTogether(store: { databaseUrl: string }): Promise<{ dataDirs: string[]; stop(): Promise<Result[]> }> {
  const dataDirs = Array.from({ length: INSTANCES }, () => tempDir());
  const ports = await Promise.all(dataDirs.map(() => freePort()));
  const servers = dataDirs.map((dataDir, index) =>
    start(['serve'], { DATA_DIR: dataDir, PORT: String(ports[index]), HOST: '127.0.0.1', MASTHEAD_DEMO: '1', SITE_URL: `http://127.0.0.1:${ports[index]}`, DATABASE_URL: store.databaseUrl }),
  );
  const exited = servers.map(() => false);
  servers.forEach((server, index) => void server.done.then(() => (exited[index] = true)));
  try {
    await Promise.all(ports.map((port, index) => waitFor200(`http://127.0.0.1:${port}/readyz`, () => exited[index]!, 90_000)));
  } catch (error) {
    const outputs = await Promise.all(servers.map(async (server) => (exited[servers.indexOf(server)] ? (await server.done).stderr : '(running)')));
    killAll();
    throw new Error(`${(error as Error).message}\n${outputs.join('\n---\n')}`);
  }
  return {
    dataDirs,
    async stop() {
      for (const server of servers) server.child.kill('SIGTERM');
      return withTimeout(Promise.all(servers.map((server) => server.done)), 30_000, 'stopping the instances');
    },
  };
}

describe('instances started together on an empty store', { timeout: 180_000 }, () => {
  after(() => killAll());

  describe('on PostgreSQL', { skip: POSTGRES_URL ? false : 'TEST_DATABASE_URL is not set' }, () => {
    const database = `masthead_start_${randomBytes(4).toString('hex')}`;
    const admin = () => new pg.Client({ connectionString: POSTGRES_URL });
    let databaseUrl = '';
    before(async () => {
      const client = admin();
      await client.connect();
      await client.query(`CREATE DATABASE ${database}`);
      await client.end();
      const url = new URL(POSTGRES_URL!);
      url.pathname = `/${database}`;
      databaseUrl = url.toString();
    });
    after(async () => {
      const client = admin();
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    });

    test('all three come up ready, with one demo article and pictures only where it was seeded', async () => {
      const cluster = await startTogether({ databaseUrl });
      try {
        const client = new pg.Client({ connectionString: databaseUrl });
        await client.connect();
        try {
          const { rows } = await client.query<{ slug: string; count: number }>('SELECT slug, count(*)::int AS count FROM posts GROUP BY slug');
          assert.deepEqual(rows, [{ slug: REFERENCE_SLUG, count: 1 }]);
          const { rows: media } = await client.query<{ path: string }>('SELECT path FROM media');
          const files = cluster.dataDirs.map((dir) => filesUnder(join(dir, 'media')));
          const seeders = files.filter((list) => list.length > 0);
          assert.equal(seeders.length, 1, `pictures were written by ${seeders.length} instances: ${JSON.stringify(files)}`);
          assert.ok(media.length > 0, 'the demo has pictures');
          // Every file the seeding instance wrote belongs to a stored picture (its original or one of its sizes).
          const stems = media.map((row) => row.path.replace(/\.[^./]+$/, ''));
          const strays = seeders[0]!.filter((file) => !stems.some((stem) => file.startsWith(stem)));
          assert.deepEqual(strays, [], `files no picture row names (rows: ${stems.join(', ')})`);
        } finally {
          await client.end();
        }
      } finally {
        const results = await cluster.stop();
        for (const result of results) assert.doesNotMatch(result.stderr, /already used|Error/, result.stderr);
        for (const dir of cluster.dataDirs) rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('on one SQLite file', () => {
    const shared = tempDir();
    after(() => rmSync(shared, { recursive: true, force: true }));

    test('all three come up ready with one demo article', async () => {
      const file = join(shared, 'masthead.sqlite');
      const cluster = await startTogether({ databaseUrl: `sqlite:${file}` });
      try {
        const { default: Database } = await import('better-sqlite3');
        const db = new Database(file, { readonly: true });
        try {
          assert.deepEqual(db.prepare('SELECT slug, count(*) AS count FROM posts GROUP BY slug').all(), [{ slug: REFERENCE_SLUG, count: 1 }]);
        } finally {
          db.close();
        }
        const seeders = cluster.dataDirs.filter((dir) => filesUnder(join(dir, 'media')).length > 0);
        assert.equal(seeders.length, 1, 'one instance wrote the pictures');
      } finally {
        const results = await cluster.stop();
        for (const result of results) assert.doesNotMatch(result.stderr, /already used|Error/, result.stderr);
        for (const dir of cluster.dataDirs) rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
