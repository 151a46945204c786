import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { openStore } from '../../src/store/open-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { createArticles, createBasics, testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { skipUnlessPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.js';
import { crashWatch, eventually, loadUntil, type LoadResult } from './outage-helpers.js';

const PASSWORD = 'a long enough passphrase';
/** The app's connections say who they are, so the test can end exactly those. */
const APP_NAME = 'masthead-under-test';
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });

describe('a PostgreSQL outage', { skip: skipUnlessPostgresBinaries() }, () => {
  let postgres: ThrowawayPostgres;
  let store: SqlStore;
  let server: RunningServer;
  let editor: NewsroomClient;
  let articlePath: string;
  /** A story no reader asked for before the outage: the response cache has nothing to answer it with. */
  let uncachedPath: string;
  let dataDir: string;
  const crashes = crashWatch();

  before(async () => {
    postgres = await startThrowawayPostgres();
    dataDir = mkdtempSync(join(tmpdir(), 'masthead-outage-'));
    store = await openStore({ engine: 'postgres', url: `${postgres.url}?application_name=${APP_NAME}` });
    const basics = await createBasics(store);
    const [article, , unread] = await createArticles(store, basics, { count: 3 });
    articlePath = `/${article!.slug}/`;
    uncachedPath = `/${unread!.slug}/`;
    await createAccount({ store, clock: testClock() }, { email: 'editor@news.example', name: 'The editor', role: 'editor', password: PASSWORD });
    server = await startServer({ store, dataDir, mailer: keepingMailer() });
    editor = new NewsroomClient(server);
    assert.equal((await editor.signIn('editor@news.example', PASSWORD)).status, 201);
  });
  after(async () => {
    crashes.stop();
    await server?.close();
    await store?.close().catch(() => undefined);
    await postgres?.destroy();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('a stopped server gives readers 503 with Retry-After, the probes and the newsroom 503, and everything answers again by itself when it is back', async (t) => {
    assert.equal((await server.get(articlePath)).status, 200);
    const changes: boolean[] = [];
    const stopListening = store.onAvailabilityChange((change) => changes.push(change.isAvailable));
    const load = loadUntil(server, [articlePath, '/', '/healthz']);
    await postgres.stop();
    // Should an assertion below fail, the next test still finds the server up.
    let isDown = true;
    t.after(async () => {
      if (isDown) await postgres.start();
      await load.stop();
    });

    const page = await eventually('an article not in the response cache answers 503', async () => {
      const response = await server.get(uncachedPath);
      return response.status === 503 ? response : undefined;
    });
    // What readers were already reading is still answered, from the response cache, as a CDN's stale-if-error would.
    assert.equal((await server.get(articlePath)).status, 200, 'a page in the response cache is served through the outage');
    assert.equal(page.headers.get('retry-after'), '5');
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await page.text(), /try again in a few seconds/);

    for (const probe of ['/healthz', '/readyz']) {
      const response = await server.get(probe);
      assert.equal(response.status, 503, probe);
      assert.equal(response.headers.get('cache-control'), 'no-store', probe);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'STORE_UNAVAILABLE', probe);
    }
    const api = await server.get('/wp-json/wp/v2/posts');
    assert.equal(api.status, 503);
    assert.equal(api.headers.get('retry-after'), '5');

    const write = await editor.request('POST', '/posts', { title: 'Written during the outage', body: [paragraph('Lost?')] });
    assert.equal(write.status, 503, JSON.stringify(write.body));
    assert.equal(write.body.error.code, 'STORE_UNAVAILABLE');

    await postgres.start();
    isDown = false;
    await eventually('the article answers 200 again', async () => ((await server.get(articlePath)).status === 200 ? true : undefined));
    const results = await load.stop();
    assert.equal((await server.get('/healthz')).status, 200);
    assert.equal((await server.get('/readyz')).status, 200);
    const written = await editor.request('POST', '/posts', { title: 'Written after the outage', body: [paragraph('Kept.')] });
    assert.equal(written.status, 201, JSON.stringify(written.body));

    stopListening();
    assert.deepEqual(changes, [false, true], 'the outage is reported once when it starts and once when it ends, whatever the requests in between');
    assertOnlyOkOrUnavailable(results);
    assert.ok(results.statuses.get(503)! > 0, 'the load saw the outage');
    assert.deepEqual(crashes.seen, [], 'no uncaught exception or unhandled rejection');
  });

  test('connections ended at random points while stories are written cost at most a 503, and every acknowledged story is stored', async () => {
    const killer = new pg.Client({ connectionString: postgres.url });
    await killer.connect();
    let ended = 0;
    let isKilling = true;
    const killing = (async () => {
      while (isKilling) {
        // One of the app's connections, whatever it is doing: idle in the pool, mid-statement, inside a transaction or committing.
        await new Promise((resolve) => setTimeout(resolve, 30 + Math.random() * 200));
        const result = await killer.query(
          'SELECT count(pg_terminate_backend(pid))::int AS n FROM (SELECT pid FROM pg_stat_activity WHERE application_name = $1 ORDER BY random() LIMIT 1) AS one',
          [APP_NAME],
        );
        ended += (result.rows[0] as { n: number }).n;
      }
    })();
    const load = loadUntil(server, [articlePath, '/', '/healthz', '/feed/']);
    const acknowledged: number[] = [];
    const writeStatuses = new Map<number, number>();
    await Promise.all(
      Array.from({ length: 3 }, async (_, writer) => {
        for (let i = 0; i < 25; i++) {
          const answer = await editor.request('POST', '/posts', { title: `Story ${writer}-${i}`, body: [paragraph(`Paragraph ${writer}-${i}.`)] });
          writeStatuses.set(answer.status, (writeStatuses.get(answer.status) ?? 0) + 1);
          if (answer.status === 201) acknowledged.push(answer.body.post.id as number);
        }
      }),
    );
    isKilling = false;
    await killing;
    await killer.end();
    const results = await load.stop();

    assert.ok(ended > 0, 'connections were ended');
    assert.deepEqual([...writeStatuses.keys()].filter((status) => status !== 201 && status !== 503), [], `writes answered ${JSON.stringify([...writeStatuses])}`);
    assert.ok(acknowledged.length > 0, 'some writes were acknowledged');
    assertOnlyOkOrUnavailable(results);
    await eventually('the store answers', async () => ((await server.get('/healthz')).status === 200 ? true : undefined));
    for (const id of acknowledged) {
      const stored = await store.posts.findById(id);
      assert.ok(stored, `acknowledged story ${id} is stored`);
    }
    assert.deepEqual(crashes.seen, [], 'no uncaught exception or unhandled rejection');
  });
});

function assertOnlyOkOrUnavailable(results: LoadResult): void {
  assert.deepEqual(results.failures, [], 'every request got an answer (the server never went away)');
  const others = [...results.statuses.keys()].filter((status) => status !== 200 && status !== 503);
  assert.deepEqual(others, [], `statuses seen: ${JSON.stringify([...results.statuses])}`);
  assert.ok(results.statuses.get(200)! > 0, 'the load was served');
}
