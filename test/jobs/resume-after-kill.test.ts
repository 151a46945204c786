import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { sql } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics } from '../helpers/factories.js';
import { ROOT, childEnv } from '../helpers/cli-process.js';
import { systemClock } from '../../src/lib/clock.js';
import { updateSettings } from '../../src/operations/settings.js';
import { runJobsUntilIdle } from '../../src/jobs/job-runner.js';
import { jobHandlers } from '../../src/jobs/handlers/index.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';

/**
 * A process re-rendering every page is killed (SIGKILL) in the middle of a
 * batch; another takes the job over once its lease has run out, from the
 * last committed checkpoint. A trigger counts every committed write of a
 * post's stored article: each post is written exactly once, none skipped.
 */
const POSTS = 600;
const LEASE_MS = 1_000;

/** A table and trigger that record each committed update of a post's stored article. */
async function countFragmentWrites(t: TestStore): Promise<void> {
  const db = t.store.dialect.db;
  await sql`CREATE TABLE fragment_writes (post_id INTEGER NOT NULL)`.execute(db);
  if (t.store.dialect.name === 'sqlite') {
    await sql`CREATE TRIGGER count_fragment_writes AFTER UPDATE OF article_html ON posts BEGIN INSERT INTO fragment_writes VALUES (NEW.id); END`.execute(db);
  } else {
    await sql.raw(`CREATE FUNCTION count_fragment_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN INSERT INTO fragment_writes VALUES (NEW.id); RETURN NEW; END $$`).execute(db);
    await sql`CREATE TRIGGER count_fragment_writes AFTER UPDATE OF article_html ON posts FOR EACH ROW EXECUTE FUNCTION count_fragment_write()`.execute(db);
  }
}

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  assert.fail(`gave up waiting for ${what}`);
}

for (const engine of ENGINES) {
  describe(`a re-render whose process is killed midway (${engine})`, { skip: await skipUnless(engine) }, () => {
    test('is taken over from its checkpoint after the lease runs out, and every post is rendered exactly once with the new title', async () => {
      const t = await createTestStore(engine);
      try {
        await createArticles(t.store, await createBasics(t.store), { count: POSTS });
        await countFragmentWrites(t);
        await updateSettings({ store: t.store, clock: systemClock }, { title: 'The Night Edition' });
        const [job] = await t.store.jobs.list({ kind: 'rerender-all', limit: 1, offset: 0 });
        assert.ok(job, 'the settings change queued a re-render');
        assert.equal((await sql<{ n: number }>`SELECT count(*) AS n FROM fragment_writes`.execute(t.store.dialect.db)).rows[0]!.n == 0, true, 'the change itself rendered nothing');

        const child = spawn(process.execPath, ['--import', 'tsx', join('test', 'jobs', 'fixtures', 'job-worker.ts')], {
          cwd: ROOT,
          env: childEnv({ JOB_STORE: JSON.stringify(t.location), LEASE_MS: String(LEASE_MS), STEP_DELAY_MS: '2000', MEDIA_DIR: t.dataDir }),
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        const exited = new Promise((resolve) => child.on('exit', resolve));
        try {
          // Killed while its second batch is written but not committed (it holds each checkpoint for 2 s).
          await until('the first batch committed', async () => (await t.store.jobs.findById(job.id))!.progress.done >= 200);
          await new Promise((resolve) => setTimeout(resolve, 300));
        } finally {
          child.kill('SIGKILL');
          await exited;
        }
        const killed = (await t.store.jobs.findById(job.id))!;
        assert.equal(killed.status, 'running');
        assert.ok(killed.progress.done > 0 && killed.progress.done < POSTS, `killed midway (${killed.progress.done} of ${POSTS})`);

        await runJobsUntilIdle({ store: t.store, clock: systemClock, handlers: jobHandlers({ store: t.store, clock: systemClock, images: createSharpIngest({ mediaDir: t.dataDir }) }), name: 'survivor', leaseMs: LEASE_MS, pollMs: 50, onError: (error) => assert.fail(String(error)) }).catch(assert.fail);
        // The runner stops when nothing is due; the killed holder's lease may not have run out yet, so look again until it has.
        await until('the job done', async () => {
          await runJobsUntilIdle({ store: t.store, clock: systemClock, handlers: jobHandlers({ store: t.store, clock: systemClock, images: createSharpIngest({ mediaDir: t.dataDir }) }), name: 'survivor', onError: (error) => assert.fail(String(error)) });
          return (await t.store.jobs.findById(job.id))!.status === 'done';
        });

        const done = (await t.store.jobs.findById(job.id))!;
        assert.equal(done.attempts, 2, 'claimed by the killed process, then once more');
        assert.equal(done.progress.done, POSTS);
        const writes = (await sql<{ post_id: number; n: number }>`SELECT post_id, count(*) AS n FROM fragment_writes GROUP BY post_id`.execute(t.store.dialect.db)).rows;
        assert.equal(writes.length, POSTS, 'every post was written');
        const repeated = writes.filter((row) => Number(row.n) !== 1);
        assert.deepEqual(repeated, [], 'no post was written twice');
        const stale = await sql<{ id: number }>`SELECT id FROM posts WHERE head_html NOT LIKE ${'%The Night Edition%'}`.execute(t.store.dialect.db);
        assert.deepEqual(stale.rows, [], 'every stored page shows the new title');
      } finally {
        await t.cleanup();
      }
    });
  });
}
