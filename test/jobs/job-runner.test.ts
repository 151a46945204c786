import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless } from '../helpers/engines.js';
import { openStore } from '../../src/store/open-store.js';
import { systemClock } from '../../src/lib/clock.js';
import { startJobRunner } from '../../src/jobs/job-runner.js';
import type { JobHandler } from '../../src/jobs/job-queue.js';
import type { Job } from '../../src/content/store-jobs.js';
import type { Store } from '../../src/content/store.js';

/** Waits until `check` holds, looking every 20 ms, for at most 30 s (then fails saying what it waited for). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`gave up waiting for ${what}`);
}

const enqueue = (store: Store, kind: string, payload: unknown = {}, extra: Partial<Parameters<Store['jobs']['enqueue']>[0]> = {}) =>
  store.jobs.enqueue({ kind, payload, maxAttempts: 3, now: new Date().toISOString(), ...extra });

for (const engine of ENGINES) {
  describe(`jobs (${engine})`, { skip: await skipUnless(engine) }, () => {
    test('four runners, each on a store of its own, share 40 jobs: each job runs exactly once', async () => {
      const t = await createTestStore(engine);
      const others = await Promise.all([1, 2, 3].map(() => openStore(t.location)));
      try {
        const runs = new Map<number, string[]>();
        for (let i = 0; i < 40; i++) await enqueue(t.store, 'count', { i });
        const runners = [t.store, ...others].map((store, n) => {
          const handler: JobHandler = {
            async run({ job }) {
              runs.set(job.id, [...(runs.get(job.id) ?? []), `runner ${n}`]);
              await new Promise((resolve) => setTimeout(resolve, 5));
            },
          };
          return startJobRunner({ store, clock: systemClock, handlers: { count: handler }, name: `runner ${n}`, pollMs: 5, onError: (error) => assert.fail(String(error)) });
        });
        await until('every job done', async () => (await t.store.jobs.countByStatus()).done === 40);
        await Promise.all(runners.map((runner) => runner.stop()));
        assert.equal(runs.size, 40);
        for (const [id, by] of runs) assert.equal(by.length, 1, `job ${id} ran ${by.length} times (${by.join(', ')})`);
        assert.ok(new Set([...runs.values()].flat()).size > 1, 'more than one runner took part');
      } finally {
        await Promise.all(others.map((store) => store.close()));
        await t.cleanup();
      }
    });

    test('a failing job is retried after a doubling wait, then kept as failed with its error', async () => {
      const t = await createTestStore(engine);
      try {
        const attempts: number[] = [];
        const handler: JobHandler = {
          maxAttempts: 3,
          async run() {
            attempts.push(Date.now());
            throw new Error(`the wire is down (attempt ${attempts.length})`);
          },
        };
        const job = await enqueue(t.store, 'flaky');
        const runner = startJobRunner({ store: t.store, clock: systemClock, handlers: { flaky: handler }, name: 'test', pollMs: 5, retryBaseMs: 100, onError: () => undefined });
        await until('the job failed for good', async () => (await t.store.jobs.findById(job.id))!.status === 'failed');
        await runner.stop();
        const failed = (await t.store.jobs.findById(job.id))!;
        assert.equal(attempts.length, 3);
        assert.equal(failed.attempts, 3);
        assert.equal(failed.lastError, 'the wire is down (attempt 3)');
        assert.ok(failed.finishedAt);
        assert.ok(attempts[1]! - attempts[0]! >= 100, `first retry after ${attempts[1]! - attempts[0]!} ms, not before 100`);
        assert.ok(attempts[2]! - attempts[1]! >= 200, `second retry after ${attempts[2]! - attempts[1]!} ms, not before 200`);

        const retried = (await t.store.jobs.retry({ id: job.id, now: new Date().toISOString() }))!;
        assert.equal(retried.status, 'queued');
        assert.equal(retried.attempts, 0);
      } finally {
        await t.cleanup();
      }
    });

    test('a holder whose lease ran out and was taken over can no longer write, and the new holder resumes from the checkpoint', async () => {
      const t = await createTestStore(engine);
      try {
        const job = await enqueue(t.store, 'steps');
        const at = (ms: number) => new Date(Date.now() + ms).toISOString();
        const first = (await t.store.jobs.claim({ kinds: ['steps'], claimedBy: 'a', claimToken: 'token-a', now: at(0), leaseUntil: at(50) }))!;
        assert.equal(first.id, job.id);
        assert.ok(await t.store.jobs.saveProgress({ id: job.id, claimToken: 'token-a', progress: { done: 3, total: 10, checkpoint: { next: 3 } }, leaseUntil: at(50), now: at(0) }));
        assert.equal(await t.store.jobs.claim({ kinds: ['steps'], claimedBy: 'b', claimToken: 'token-b', now: at(0), leaseUntil: at(1000) }), undefined, 'not while the lease stands');
        const second = (await t.store.jobs.claim({ kinds: ['steps'], claimedBy: 'b', claimToken: 'token-b', now: at(100), leaseUntil: at(1000) }))!;
        assert.deepEqual(second.progress, { done: 3, total: 10, checkpoint: { next: 3 } });
        assert.equal(second.attempts, 2);
        assert.equal(await t.store.jobs.saveProgress({ id: job.id, claimToken: 'token-a', progress: { done: 4, total: 10, checkpoint: null }, leaseUntil: at(50), now: at(0) }), false);
        assert.equal(await t.store.jobs.complete({ id: job.id, claimToken: 'token-a', now: at(0) }), false);
        assert.ok(await t.store.jobs.complete({ id: job.id, claimToken: 'token-b', now: at(0) }));
      } finally {
        await t.cleanup();
      }
    });

    test('a job queued again while one with its dedupe key is pending is kept once, or restarted from the start with the newest payload', async () => {
      const t = await createTestStore(engine);
      try {
        const now = new Date().toISOString();
        const first = await enqueue(t.store, 'sizes', { n: 1 }, { dedupeKey: 'sizes', onPending: 'keep' });
        const again = await enqueue(t.store, 'sizes', { n: 2 }, { dedupeKey: 'sizes', onPending: 'keep' });
        assert.equal(again.id, first.id);
        assert.deepEqual(again.payload, { n: 1 });

        const running = await enqueue(t.store, 'all', { n: 1 }, { dedupeKey: 'all', onPending: 'restart' });
        await t.store.jobs.claim({ kinds: ['all'], claimedBy: 'a', claimToken: 'token-a', now, leaseUntil: new Date(Date.now() + 60_000).toISOString() });
        const restarted = await enqueue(t.store, 'all', { n: 2 }, { dedupeKey: 'all', onPending: 'restart' });
        assert.equal(restarted.id, running.id);
        assert.equal(restarted.status, 'queued');
        assert.deepEqual(restarted.payload, { n: 2 });
        assert.equal(await t.store.jobs.saveProgress({ id: running.id, claimToken: 'token-a', progress: { done: 1, total: 1, checkpoint: null }, leaseUntil: now, now }), false, 'the old holder is fenced out');
        const list: Job[] = await t.store.jobs.list({ limit: 10, offset: 0 });
        assert.equal(list.length, 2);
      } finally {
        await t.cleanup();
      }
    });

    test('stopping a runner gives its job back from the checkpoint, the attempt not counted', async () => {
      const t = await createTestStore(engine);
      try {
        const job = await enqueue(t.store, 'long');
        let step = 0;
        const handler: JobHandler = {
          async run({ saveProgress, signal }) {
            for (;;) {
              signal.throwIfAborted();
              step += 1;
              await saveProgress({ done: step, total: null, checkpoint: { step } });
              await new Promise((resolve) => setTimeout(resolve, 10));
            }
          },
        };
        const runner = startJobRunner({ store: t.store, clock: systemClock, handlers: { long: handler }, name: 'test', pollMs: 5, onError: (error) => assert.fail(String(error)) });
        await until('a few steps', async () => step >= 3);
        await runner.stop();
        const released = (await t.store.jobs.findById(job.id))!;
        assert.equal(released.status, 'queued');
        assert.equal(released.attempts, 0);
        assert.deepEqual(released.progress.checkpoint, { step });
      } finally {
        await t.cleanup();
      }
    });
  });
}
