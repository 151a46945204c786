import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { REFERENCE_SLUG, freePort, run, start, useDataDir, waitFor200, withTimeout, type Result } from '../helpers/cli-process.js';

/**
 * The real command line, run as a child process the way an operator runs it:
 * exit codes, messages, and a server that starts, answers and stops cleanly.
 */

/** Reads the store the commands wrote, without going through them. */
function readOnly<T>(dataDir: string, query: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'masthead.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return query(db);
  } finally {
    db.close();
  }
}

function countPosts(dataDir: string, where = "status = 'published'", ...params: unknown[]): number {
  return readOnly(dataDir, (db) => (db.prepare(`SELECT count(*) AS n FROM posts WHERE ${where}`).get(...params) as { n: number }).n);
}

describe('the masthead command line', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('--help exits 0 and lists serve, migrate and demo', async () => {
    const result = await run(['--help'], { DATA_DIR: dataDir });
    assert.equal(result.code, 0, result.stderr);
    for (const command of ['serve', 'migrate', 'demo']) assert.match(result.stdout, new RegExp(`^  ${command}\\b`, 'm'), command);
    assert.equal(result.stderr, '');
  });

  test('--version prints the version from package.json', async () => {
    const result = await run(['--version'], { DATA_DIR: dataDir });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, '0.1.0\n');
  });

  test('without a command exits 2 and shows the help', async () => {
    const result = await run([], { DATA_DIR: dataDir });
    assert.equal(result.code, 2);
    assert.match(result.stdout, /^Usage: masthead <command>/m);
  });

  test('refuses an unknown command with exit code 2, naming it', async () => {
    const result = await run(['frobnicate'], { DATA_DIR: dataDir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown command "frobnicate"/);
    assert.match(result.stderr, /Usage: masthead/);
  });

  test('refuses to serve with PORT=abc, exit 1, naming PORT', async () => {
    const result = await run(['serve'], { DATA_DIR: dataDir, PORT: 'abc' });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^\s+PORT must be a port number/m);
    assert.equal(existsSync(join(dataDir, 'masthead.sqlite')), false);
  });

  test('refuses an unknown flag to serve with exit code 2', async () => {
    const result = await run(['serve', '--fast'], { DATA_DIR: dataDir });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--fast/);
    assert.equal(existsSync(join(dataDir, 'masthead.sqlite')), false);
  });

  test('refuses demo without --articles, naming the flag', async () => {
    const result = await run(['demo'], { DATA_DIR: dataDir });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /--articles is required/);
  });

  for (const value of ['abc', '0', '-3', '2.5']) {
    test(`refuses demo --articles ${value}`, async () => {
      // A negative number must be joined to the flag, or it reads as a flag of its own.
      const args = value.startsWith('-') ? [`--articles=${value}`] : ['--articles', value];
      const result = await run(['demo', ...args], { DATA_DIR: dataDir });
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, new RegExp(`--articles must be a whole number from 1 to .*\\(got "${value.replace('.', '\\.')}"\\)`));
      assert.equal(existsSync(join(dataDir, 'masthead.sqlite')), false);
    });
  }
});

describe('masthead migrate', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('applies the migrations to a fresh store and names them, then finds it up to date', { timeout: 60_000 }, async () => {
    const first = await run(['migrate'], { DATA_DIR: dataDir });
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /^Applied \d+ migration\(s\): 0001-initial, 0002-media-crops, 0003-accounts/);
    const tables = readOnly(dataDir, (db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'posts'").all());
    assert.equal(tables.length, 1);

    const second = await run(['migrate'], { DATA_DIR: dataDir });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(second.stdout, 'The sqlite store is up to date.\n');
  });
});

describe('masthead settings', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('prints the settings, changes them with key=value, and keeps them', { timeout: 60_000 }, async () => {
    const shown = await run(['settings'], { DATA_DIR: dataDir });
    assert.equal(shown.code, 0, shown.stderr);
    assert.equal(JSON.parse(shown.stdout).ampEnabled, false);

    const changed = await run(['settings', 'ampEnabled=true', 'feedContent=excerpt', 'title=The Daily Test'], { DATA_DIR: dataDir });
    assert.equal(changed.code, 0, changed.stderr);
    const settings = JSON.parse(changed.stdout);
    assert.deepEqual([settings.ampEnabled, settings.feedContent, settings.title], [true, 'excerpt', 'The Daily Test']);
    const stored = readOnly(dataDir, (db) => db.prepare("SELECT value FROM settings WHERE key = 'feedContent'").get() as { value: string });
    assert.equal(JSON.parse(stored.value), 'excerpt');
  });

  test('refuses a bad value, naming the setting, and changes nothing', { timeout: 60_000 }, async () => {
    const refused = await run(['settings', 'ampEnabled=false', 'feedContent=weekly'], { DATA_DIR: dataDir });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /\/feedContent/);
    const after = JSON.parse((await run(['settings'], { DATA_DIR: dataDir })).stdout);
    assert.equal(after.ampEnabled, true, 'the valid half of a refused change is not applied either');

    const malformed = await run(['settings', 'ampEnabled'], { DATA_DIR: dataDir });
    assert.equal(malformed.code, 1);
    assert.match(malformed.stderr, /write key=value/);
  });
});

describe('masthead user create', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));
  const flags = ['user', 'create', '--email', 'Ada@Example.com', '--name', 'Ada Lovelace', '--role', 'administrator'];

  test('creates an administrator whose password comes from standard input, stored only as an argon2id hash', { timeout: 60_000 }, async () => {
    const result = await run(flags, { DATA_DIR: dataDir }, 'a long enough passphrase\n');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Created administrator Ada Lovelace <ada@example\.com>/);
    const row = readOnly(dataDir, (db) => db.prepare('SELECT role, status, password_hash FROM users WHERE email = ?').get('ada@example.com') as { role: string; status: string; password_hash: string });
    assert.equal(row.role, 'administrator');
    assert.equal(row.status, 'active');
    assert.match(row.password_hash, /^\$argon2id\$/);
    assert.ok(!row.password_hash.includes('passphrase'));
  });

  test('refuses a password flag, a short password, a second account with the same email, and missing flags', { timeout: 60_000 }, async () => {
    const flag = await run([...flags, '--password', 'x'], { DATA_DIR: dataDir }, 'whatever\n');
    assert.equal(flag.code, 2);
    assert.match(flag.stderr, /--password/);
    const short = await run(['user', 'create', '--email', 'bo@example.com', '--name', 'Bo', '--role', 'editor'], { DATA_DIR: dataDir }, 'short\n');
    assert.equal(short.code, 1);
    assert.match(short.stderr, /\/password/);
    const twice = await run(flags, { DATA_DIR: dataDir }, 'another long passphrase\n');
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /already has an account/);
    const missing = await run(['user', 'create', '--email', 'cy@example.com'], { DATA_DIR: dataDir }, 'a long enough passphrase\n');
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /--name is required/);
    const role = await run(['user', 'create', '--email', 'di@example.com', '--name', 'Di', '--role', 'owner'], { DATA_DIR: dataDir }, 'a long enough passphrase\n');
    assert.equal(role.code, 1);
    assert.match(role.stderr, /\/role/);
    const users = readOnly(dataDir, (db) => (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n);
    assert.equal(users, 1, 'nothing refused was stored');
  });
});

describe('masthead demo', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  test('adds the reference article and the asked number of published articles', { timeout: 120_000 }, async () => {
    const result = await run(['demo', '--articles', '25'], { DATA_DIR: dataDir, MASTHEAD_DEMO: '1' });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Seeded the reference article\./);
    assert.match(result.stderr, /Added 25 articles in [\d.]+ s\./);
    assert.equal(countPosts(dataDir), 26);
    assert.equal(countPosts(dataDir, 'slug = ?', REFERENCE_SLUG), 1);
  });
});

describe('masthead serve', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));

  /** Starts serve, waits for /healthz, runs `check` against it, then stops it with SIGTERM. */
  async function serveOnce(check: (base: string, pid: number) => Promise<void>, env: Record<string, string> = {}): Promise<Result> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = start(['serve'], { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', MASTHEAD_DEMO: '1', SITE_URL: base, ...env });
    let hasExited = false;
    void server.done.then(() => (hasExited = true));
    try {
      await waitFor200(`${base}/healthz`, () => hasExited, 30_000);
      await check(base, server.child.pid!);
    } catch (error) {
      server.child.kill('SIGKILL');
      const result = await server.done;
      throw new Error(`${(error as Error).message}\nstderr:\n${result.stderr}\nstdout:\n${result.stdout}`);
    }
    assert.equal(server.child.kill('SIGTERM'), true);
    try {
      return await withTimeout(server.done, 10_000, 'stopping after SIGTERM');
    } finally {
      server.child.kill('SIGKILL');
    }
  }

  function walSize(): number {
    const wal = join(dataDir, 'masthead.sqlite-wal');
    return existsSync(wal) ? statSync(wal).size : 0;
  }

  test('serves the seeded reference article and stops cleanly on SIGTERM', { timeout: 90_000 }, async () => {
    const result = await serveOnce(async (base) => {
      const health = await fetch(`${base}/healthz`);
      assert.deepEqual(await health.json(), { status: 'ok' });
      const article = await fetch(`${base}/${REFERENCE_SLUG}/`);
      await article.arrayBuffer();
      assert.equal(article.status, 200);
    });
    assert.equal(result.signal, null, result.stderr);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(walSize(), 0, 'the WAL is left over: the store was not closed');
    assert.equal(countPosts(dataDir, '1 = 1'), 1);
  });

  test('does not seed a second copy when restarted on a store with content', { timeout: 90_000 }, async () => {
    assert.equal(countPosts(dataDir, 'slug = ?', REFERENCE_SLUG), 1, 'the previous test should have seeded this store');
    const result = await serveOnce(async (base) => {
      const article = await fetch(`${base}/${REFERENCE_SLUG}/`);
      await article.arrayBuffer();
      assert.equal(article.status, 200);
    });
    assert.equal(result.code, 0, result.stderr);
    assert.equal(countPosts(dataDir, '1 = 1'), 1);
    assert.equal(countPosts(dataDir, 'slug LIKE ?', `${REFERENCE_SLUG}%`), 1);
  });

  test('with WORKERS=2 serves from two processes and stops them all on SIGTERM', { timeout: 90_000 }, async () => {
    const result = await serveOnce(
      async (base, pid) => {
        const workers = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
        assert.equal(workers.length, 2, `worker processes: ${workers.join(', ')}`);
        for (let i = 0; i < 10; i++) {
          const response = await fetch(`${base}/${REFERENCE_SLUG}/`, { headers: { connection: 'close' } });
          await response.arrayBuffer();
          assert.equal(response.status, 200);
        }
      },
      { WORKERS: '2' },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(walSize(), 0, 'the WAL is left over: a worker did not close the store');
  });
});
