import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { pino } from 'pino';
import { createFastlyPurger } from '../../src/cdn-purge/fastly-purger.js';
import { purgeSoon } from '../../src/cdn-purge/purge-soon.js';
import type { CdnPurger } from '../../src/cdn-purge/cdn-purger.js';
import { jobHandlers } from '../../src/jobs/handlers/index.js';
import { startJobRunner } from '../../src/jobs/job-runner.js';
import { systemClock } from '../../src/lib/clock.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { queueCdnPurge } from '../../src/operations/queue-jobs.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { startPurgeReceiver, type PurgeReceiver } from './purge-receiver.js';

/** Waits until `check` holds, looking every 20 ms, for at most 20 s (then fails saying what it waited for). */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  assert.fail(`gave up waiting for ${what}`);
}

/** A real pino logger whose lines the test can read. */
function recordingLog() {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { log, lines };
}

/** A real store, a loopback stand-in for Fastly's API and a Fastly purger pointed at it; all closed after `work`. */
async function withCdn(engine: (typeof ENGINES)[number], work: (input: { t: TestStore; receiver: PurgeReceiver; purger: CdnPurger }) => Promise<void>): Promise<void> {
  const t = await createTestStore(engine);
  const receiver = await startPurgeReceiver();
  const purger = createFastlyPurger({ serviceId: 'svc1', token: 'fastly-purge-token', apiUrl: receiver.url });
  try {
    await work({ t, receiver, purger });
  } finally {
    await purger.close();
    await receiver.close();
    await t.cleanup();
  }
}

for (const engine of ENGINES) {
  describe(`purgeSoon (${engine})`, { skip: await skipUnless(engine) }, () => {
    test('returns before anything is sent, and a purge the CDN accepts leaves no job', () =>
      withCdn(engine, async ({ t, receiver, purger }) => {
        const purge = purgeSoon({ purger, context: { store: t.store, clock: systemClock }, log: recordingLog().log });
        purge(['post-12', 'list-home']);
        assert.equal(receiver.requests.length, 0, 'the caller did not wait for the CDN');
        await purge.settled();
        assert.deepEqual(receiver.requests.map((request) => request.body), [{ surrogate_keys: ['post-12', 'list-home'] }]);
        assert.equal((await t.store.jobs.list({ limit: 10, offset: 0 })).length, 0);
      }));

    test('tags asked for while a purge is in flight go out together in the next one', () =>
      withCdn(engine, async ({ t, receiver, purger }) => {
        receiver.answer = { status: 200, body: '{}', delayMs: 200 };
        const purge = purgeSoon({ purger, context: { store: t.store, clock: systemClock }, log: recordingLog().log });
        purge(['post-1']);
        await until('the first purge reached the CDN', async () => receiver.requests.length === 1);
        purge(['post-2', 'list-home']);
        purge(['post-3', 'list-home']);
        await purge.settled();
        assert.deepEqual(
          receiver.requests.map((request) => request.body),
          [{ surrogate_keys: ['post-1'] }, { surrogate_keys: ['post-2', 'list-home', 'post-3'] }],
        );
      }));

    test('a purge the CDN refuses is logged and queued as a cdn-purge job, which the runner retries until the CDN accepts it', () =>
      withCdn(engine, async ({ t, receiver, purger }) => {
        receiver.answer = { status: 500, body: '{"msg":"internal error"}' };
        const context = { store: t.store, clock: systemClock };
        const { log, lines } = recordingLog();
        const purge = purgeSoon({ purger, context, log });
        purge(['post-12', 'list-home']);
        await purge.settled();

        const [warning] = lines;
        assert.equal(warning?.level, 40);
        assert.equal(warning?.service, 'fastly');
        assert.equal(warning?.tags, 2);
        assert.match(String((warning?.err as { message?: string } | undefined)?.message), /Fastly purge failed: POST .*\/service\/svc1\/purge answered 500/);
        const jobs = await t.store.jobs.list({ limit: 10, offset: 0 });
        assert.equal(jobs.length, 1);
        assert.equal(jobs[0]!.kind, 'cdn-purge');
        assert.equal(jobs[0]!.status, 'queued');
        assert.deepEqual(jobs[0]!.payload, { tags: ['post-12', 'list-home'] });

        const handlers = jobHandlers({ ...context, images: createSharpIngest({ mediaDir: t.dataDir }), cdnPurger: purger });
        const runner = startJobRunner({ ...context, handlers, name: 'test', pollMs: 10, retryBaseMs: 100, onError: () => undefined });
        try {
          await until('a retry that the CDN refused again', async () => (await t.store.jobs.findById(jobs[0]!.id))!.attempts >= 1 && receiver.requests.length >= 2);
          await until('the refused retry recorded', async () => (await t.store.jobs.findById(jobs[0]!.id))!.lastError !== null);
          assert.match(String((await t.store.jobs.findById(jobs[0]!.id))!.lastError), /Fastly purge failed: .* answered 500: \{"msg":"internal error"\}/);
          receiver.answer = { status: 200, body: '{}' };
          await until('the job done', async () => (await t.store.jobs.findById(jobs[0]!.id))!.status === 'done');
        } finally {
          await runner.stop();
        }
        assert.deepEqual(receiver.requests.at(-1)!.body, { surrogate_keys: ['post-12', 'list-home'] });
      }));

    test('a process with no CDN configured fails the job saying so, leaving it for a retry', () =>
      withCdn(engine, async ({ t }) => {
        const context = { store: t.store, clock: systemClock };
        const job = await queueCdnPurge(context, ['post-12']);
        const handlers = jobHandlers({ ...context, images: createSharpIngest({ mediaDir: t.dataDir }) });
        const runner = startJobRunner({ ...context, handlers, name: 'test', pollMs: 10, retryBaseMs: 60_000, onError: () => undefined });
        try {
          await until('the attempt failed', async () => (await t.store.jobs.findById(job.id))!.lastError !== null);
        } finally {
          await runner.stop();
        }
        const failed = (await t.store.jobs.findById(job.id))!;
        assert.match(String(failed.lastError), /no CDN to purge \(CDN_PURGE is unset here\); the job.s 1 tag\(s\) were not purged/);
        assert.equal(failed.status, 'queued', 'queued again, for a process that has a CDN');
      }));
  });
}
