import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ENGINES, POSTGRES_URL, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import type { RunningServer } from '../helpers/server.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import type { ChangeSignal } from '../../src/change-bus/change-bus.js';
import { start } from '../helpers/cli-process.js';
import { shownTitle, startInstance, within, type Instance } from './instances.js';

const PASSWORD = 'a long enough passphrase';
/** What the issue asks: a settings change shows on every instance within a second. */
const SIGNAL_MS = 1_000;

const isRedirects = (ids: number[]) => (signal: ChangeSignal) => signal.kind === 'redirects' && JSON.stringify(signal.ids) === JSON.stringify(ids);

for (const engine of ENGINES) {
  describe(`change signals between two instances on one ${engine} store`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let first: Instance;
    let second: Instance;
    const applicationName = `masthead-changes-test-${randomBytes(4).toString('hex')}`;

    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { email: 'admin@news.example', name: 'The administrator', role: 'administrator', password: PASSWORD });
      first = await startInstance({ location: t.location, dataDir: t.dataDir, store: t.store });
      second = await startInstance({ location: t.location, dataDir: t.dataDir, applicationName });
    });
    after(async () => {
      await second?.close();
      await first?.close();
      await t?.cleanup();
    });

    test('a settings change made through one instance’s newsroom shows on the other’s pages within a second', async () => {
      const editor = new NewsroomClient(first as unknown as RunningServer);
      assert.equal((await editor.signIn('admin@news.example', PASSWORD)).status, 201);
      const title = `Signal ${randomBytes(3).toString('hex')}`;
      assert.notEqual(await shownTitle(second), title);
      const changed = await editor.request('PATCH', '/settings', { title });
      assert.equal(changed.status, 200);
      await within(SIGNAL_MS, 'the other instance shows the new title', async () => (await shownTitle(second)) === title);
    });

    test('a change recorded in a transaction that rolls back is never delivered', async () => {
      await assert.rejects(
        t.store.transaction(async (tx) => {
          await tx.changes.record({ kind: 'redirects', ids: [900_001] });
          throw new Error('rolled back on purpose');
        }),
        /rolled back on purpose/,
      );
      await t.store.transaction((tx) => tx.changes.record({ kind: 'redirects', ids: [900_002] }));
      // Delivered in commit order: once the later change is here, the rolled-back one would have been too.
      await within(SIGNAL_MS, 'the committed change arrives', () => second.signals.some(isRedirects([900_002])));
      assert.equal(second.signals.filter(isRedirects([900_001])).length, 0);
      assert.equal(first.signals.filter(isRedirects([900_001])).length, 0);
      // Exactly once, on both instances (the one that wrote it hears it too).
      assert.equal(second.signals.filter(isRedirects([900_002])).length, 1);
      await within(SIGNAL_MS, 'the writing instance hears its own change', () => first.signals.some(isRedirects([900_002])));
    });

    if (engine === 'sqlite') {
      test('`masthead settings` run as another process reaches the running server within a second', async () => {
        const title = `From the command line ${randomBytes(3).toString('hex')}`;
        const afterId = await t.store.changes.latestId();
        const command = start(['settings', `title=${title}`], { DATA_DIR: t.dataDir });
        // The second starts when the command's transaction commits (its change row is there), not when the process exits.
        await within(60_000, 'the command commits', async () => (await t.store.changes.listSince({ afterId, limit: 100 })).some((c) => c.kind === 'settings'));
        await within(SIGNAL_MS, 'the server shows the title the command set', async () => (await shownTitle(second)) === title);
        const result = await command.done;
        assert.equal(result.code, 0, result.stderr);
        await within(SIGNAL_MS, 'the other instance too', async () => (await shownTitle(first)) === title);
      });
    }

    if (engine === 'postgres') {
      test('after its listening connection is killed, the bus connects again, says resync, and later changes arrive', async () => {
        const admin = new pg.Client({ connectionString: POSTGRES_URL });
        await admin.connect();
        try {
          const killed = await admin.query<{ n: number }>('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
          assert.equal(killed.rows[0]!.n, 1, 'the listening connection is found by its application_name');
          const resyncsBefore = second.signals.filter((s) => s.kind === 'resync').length;
          await within(5_000, 'a resync signal', () => second.signals.filter((s) => s.kind === 'resync').length > resyncsBefore);
          await within(5_000, 'a new listening connection', async () => {
            const rows = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [applicationName]);
            return rows.rows[0]!.n === 1;
          });
        } finally {
          await admin.end();
        }
        await t.store.transaction((tx) => tx.changes.record({ kind: 'redirects', ids: [900_003] }));
        await within(SIGNAL_MS, 'a change after the reconnection arrives', () => second.signals.some(isRedirects([900_003])));
      });
    }
  });
}
