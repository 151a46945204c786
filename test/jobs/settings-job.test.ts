import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ENGINES, createTestStore, skipUnless } from '../helpers/engines.js';
import { createArticles, createBasics, testClock } from '../helpers/factories.js';
import { startServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { systemClock } from '../../src/lib/clock.js';
import { runJobsUntilIdle } from '../../src/jobs/job-runner.js';
import { jobHandlers } from '../../src/jobs/handlers/index.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { updateSettings } from '../../src/operations/settings.js';

const POSTS = 250;
const PASSWORD = 'a long enough passphrase';

/** A settings change answers without re-rendering a page; the job it queued does that, and /api/admin/jobs shows how far it is. */
for (const engine of ENGINES) {
  describe(`a settings change (${engine})`, { skip: await skipUnless(engine) }, () => {
    test('answers before any page is rendered again, queues one re-render, and the job brings every page the new title', async () => {
      const t = await createTestStore(engine);
      const server = await startServer({ store: t.store, dataDir: t.dataDir });
      try {
        await createArticles(t.store, await createBasics(t.store), { count: POSTS });
        await createAccount({ store: t.store, clock: testClock() }, { email: 'owner@news.example', name: 'Owner', role: 'administrator', password: PASSWORD });
        const admin = new NewsroomClient(server);
        assert.equal((await admin.signIn('owner@news.example', PASSWORD)).status, 201);
        const showing = async (title: string) =>
          Number((await sql<{ n: number }>`SELECT count(*) AS n FROM posts WHERE head_html LIKE ${`%${title}%`}`.execute(t.store.dialect.db)).rows[0]!.n);

        assert.equal((await admin.request('PATCH', '/settings', { title: 'The Late Edition' })).status, 200);
        assert.equal((await admin.request('PATCH', '/settings', { title: 'The Early Edition' })).status, 200);
        assert.equal(await showing('Edition'), 0, 'the requests rendered no page');
        const queued = await admin.request('GET', '/jobs?kind=rerender-all&status=queued,running');
        assert.equal(queued.body.items.length, 1, 'two changes in a row keep one re-render pending');

        await runJobsUntilIdle({ store: t.store, clock: systemClock, handlers: jobHandlers({ store: t.store, clock: systemClock, images: createSharpIngest({ mediaDir: t.dataDir }) }), name: 'test', onError: (error) => assert.fail(String(error)) });
        assert.equal(await showing('The Early Edition'), POSTS);
        const { body } = await admin.request('GET', `/jobs/${queued.body.items[0].id}`);
        assert.equal(body.job.status, 'done');
        assert.deepEqual([body.job.progress.done, body.job.progress.total], [POSTS, POSTS]);
      } finally {
        await server.close();
        await t.cleanup();
      }
    });

    test('on a site with no posts yet (a first set-up, the demo) queues nothing: no stored page shows the settings', async () => {
      const t = await createTestStore(engine);
      try {
        const context = { store: t.store, clock: testClock() };
        await updateSettings(context, { title: 'The First Edition' });
        assert.equal((await t.store.jobs.list({ limit: 10, offset: 0 })).length, 0, 'no job for an empty site');
        await createArticles(t.store, await createBasics(t.store), { count: 2 });
        await updateSettings(context, { title: 'The Second Edition' });
        const jobs = await t.store.jobs.list({ limit: 10, offset: 0 });
        assert.deepEqual(jobs.map((job) => job.kind), ['rerender-all'], 'with posts stored, their pages are brought up to date');
      } finally {
        await t.cleanup();
      }
    });
  });
}
