import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unlinkSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { crashWatch } from './outage-helpers.js';

const PASSWORD = 'a long enough passphrase';
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });

describe('an SQLite store that cannot be used', () => {
  let t: TestStore;
  let server: RunningServer;
  let editor: NewsroomClient;
  let articlePath: string;
  /** A story no reader asked for: the response cache has nothing to answer it with. */
  let uncachedPath: string;
  let file: string;
  const crashes = crashWatch();

  before(async () => {
    t = await createTestStore('sqlite');
    if (t.location.engine !== 'sqlite') throw new Error('an SQLite store was asked for');
    file = t.location.file;
    const [article, unread] = await createArticles(t.store, await createBasics(t.store), { count: 2 });
    articlePath = `/${article!.slug}/`;
    uncachedPath = `/${unread!.slug}/`;
    await createAccount({ store: t.store, clock: testClock() }, { email: 'editor@news.example', name: 'The editor', role: 'editor', password: PASSWORD });
    server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
    editor = new NewsroomClient(server);
    assert.equal((await editor.signIn('editor@news.example', PASSWORD)).status, 201);
  });
  beforeEach(async () => {
    assert.equal((await server.get('/healthz')).status, 200, 'the store answers before each case');
  });
  after(async () => {
    crashes.stop();
    await server?.close();
    await t?.cleanup();
  });

  const storyCount = () => t.store.posts.count();

  test('a full disk refuses a save with 503 STORE_UNAVAILABLE, writes nothing of it, and the next save after room is made succeeds', async () => {
    const before = await storyCount();
    const { page_count: pages } = (await sql<{ page_count: number }>`PRAGMA page_count`.execute(t.store.dialect.db)).rows[0]!;
    // The file may not grow by a single page: what a full disk does to the next write.
    await sql.raw(`PRAGMA max_page_count = ${pages}`).execute(t.store.dialect.db);
    const refused = await editor.request('POST', '/posts', { title: 'Too long for the disk', body: Array.from({ length: 200 }, (_, i) => paragraph(`Paragraph ${i} `.repeat(40))) });
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'STORE_UNAVAILABLE');
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal(await storyCount(), before, 'nothing of the refused save was written');
    assert.equal((await server.get(articlePath)).status, 200, 'readers are still served');

    await sql.raw('PRAGMA max_page_count = 1073741823').execute(t.store.dialect.db);
    const saved = await editor.request('POST', '/posts', { title: 'Room again', body: [paragraph('Saved.')] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.equal(await storyCount(), before + 1);
    assert.deepEqual(crashes.seen, []);
  });

  test('a write lock held by another process past the busy timeout refuses a save with 503, while readers are still served', async () => {
    const before = await storyCount();
    // In WAL mode another process can hold the write lock, never shut out readers: that is the lock an outside
    // program (a backup tool, a script, a stuck `masthead` command) can leave behind.
    const other = new BetterSqlite3(file);
    try {
      other.exec('BEGIN EXCLUSIVE');
      const refused = await editor.request('POST', '/posts', { title: 'While locked', body: [paragraph('Waits, then fails.')] });
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'STORE_UNAVAILABLE');
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.equal((await server.get(articlePath)).status, 200, 'readers are served from the last committed state');
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
    assert.equal(await storyCount(), before, 'nothing of the refused save was written');
    const saved = await editor.request('POST', '/posts', { title: 'After the lock', body: [paragraph('Saved.')] });
    assert.equal(saved.status, 201, JSON.stringify(saved.body));
    assert.deepEqual(crashes.seen, []);
  });

  // Last: nothing brings the removed file back for this process (the README says restart it).
  test('a database file removed under the running server is reported by /healthz and /readyz, and saves and pages answer 503', async () => {
    const before = await storyCount();
    const changes: boolean[] = [];
    const stopListening = t.store.onAvailabilityChange((change) => changes.push(change.isAvailable));
    unlinkSync(file);
    for (const path of ['/healthz', '/readyz']) {
      const response = await server.get(path);
      assert.equal(response.status, 503, path);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'STORE_UNAVAILABLE', path);
    }
    const refused = await editor.request('POST', '/posts', { title: 'Into a removed file', body: [paragraph('Lost if accepted.')] });
    assert.equal(refused.status, 503, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'STORE_UNAVAILABLE');
    const page = await server.get(uncachedPath);
    assert.equal(page.status, 503, 'readers are told to come back, not shown the removed file');
    assert.equal(page.headers.get('retry-after'), '5');
    // An address the site cannot look up may exist (an old link): a 404 would tell crawlers it is gone.
    const unknown = await server.get('/2019/05/an-old-address/');
    assert.equal(unknown.status, 503, 'an address that cannot be looked up is not reported missing');
    assert.equal(unknown.headers.get('retry-after'), '5');
    // Not a statement reaches the removed file: its count cannot be read either, let alone changed.
    await assert.rejects(storyCount(), (error: Error & { code?: string }) => error.code === 'STORE_UNAVAILABLE');
    assert.ok(before > 0);
    stopListening();
    assert.deepEqual(changes, [false], 'reported down once, and not \'back\' between two requests');
    assert.deepEqual(crashes.seen, []);
  });
});
