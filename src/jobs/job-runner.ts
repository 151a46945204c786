import { randomBytes } from 'node:crypto';
import type { Store } from '../content/store.js';
import type { ClaimedJob, JobProgress } from '../content/store-jobs.js';
import type { Clock } from '../lib/clock.js';
import { backoffMs, JobLeaseLost, type JobHandlers } from './job-queue.js';

export interface JobRunnerOptions {
  store: Store;
  clock: Clock;
  handlers: JobHandlers;
  /** Who claims, as the jobs list shows it: the instance's name and process id. */
  name: string;
  /** How often an idle runner looks for work (wake() looks at once). */
  pollMs?: number;
  /** How long a claim stands without being renewed; renewed every third of it while a job runs. */
  leaseMs?: number;
  /** The first retry's wait; each next one doubles. */
  retryBaseMs?: number;
  /** Finished jobs are deleted this long after they finished. */
  keepFinishedMs?: number;
  onError: (error: unknown, jobId?: number) => void;
  onFinished?: (job: ClaimedJob, outcome: 'done' | 'retry' | 'failed' | 'lost' | 'released') => void;
  /** Stop by itself once no job is due (a command that finishes the work it queued, tests). */
  shouldStopWhenIdle?: boolean;
}

export interface JobRunner {
  /** Look for work now (a job was queued here or elsewhere). */
  wake(): void;
  /** Stops claiming; a running job is told to stop after its step and is given back from its checkpoint. Resolves when it has. */
  stop(): Promise<void>;
  /** Resolves when the runner has stopped (by stop(), or when idle with shouldStopWhenIdle). */
  stopped: Promise<void>;
}

const PRUNE_EVERY_MS = 3_600_000;
const MAX_ERROR_LENGTH = 2_000;

/**
 * Runs jobs from the store, one at a time, in every serving process: each job
 * is claimed by one process only (the store's claim is one atomic statement),
 * under a lease this runner renews while the job runs; a process that dies
 * leaves its lease to run out, and another takes the job over from its last
 * checkpoint. A failing job is retried with exponential backoff until its
 * attempts are used up, then kept as failed with its error.
 */
export function startJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, clock, handlers } = options;
  const pollMs = options.pollMs ?? 1_500;
  const leaseMs = options.leaseMs ?? 30_000;
  const retryBaseMs = options.retryBaseMs ?? 10_000;
  const keepFinishedMs = options.keepFinishedMs ?? 14 * 86_400_000;
  const kinds = Object.keys(handlers);
  const iso = (offsetMs = 0) => new Date(clock.now().getTime() + offsetMs).toISOString();

  let isStopped = false;
  let wakeUp: (() => void) | undefined;
  let hasWakeCall = false;
  let stopRunning: AbortController | undefined;
  let prunedAt = 0;

  const idle = () =>
    new Promise<void>((resolve) => {
      if (hasWakeCall || isStopped) return resolve();
      const timer = setTimeout(resolve, pollMs);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => {
      wakeUp = undefined;
      hasWakeCall = false;
    });

  const prune = async () => {
    if (Date.now() - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = Date.now();
    await store.jobs.prune({ before: iso(-keepFinishedMs) });
  };

  const run = async (job: ClaimedJob) => {
    const fence = { id: job.id, claimToken: job.claimToken };
    const handler = handlers[job.kind]!;
    const controller = new AbortController();
    stopRunning = controller;
    let isLost = false;
    const lose = () => {
      isLost = true;
      controller.abort(new JobLeaseLost(job.id));
    };
    const renew = setInterval(() => {
      store.jobs.extendLease({ ...fence, leaseUntil: iso(leaseMs), now: iso() }).then(
        (isHeld) => isHeld || lose(),
        (error: unknown) => options.onError(error, job.id),
      );
    }, Math.max(10, Math.floor(leaseMs / 3)));
    let last: JobProgress = job.progress;
    const finish = (outcome: 'done' | 'retry' | 'failed' | 'lost' | 'released') => options.onFinished?.(job, outcome);
    try {
      const result = await handler.run({
        job,
        payload: job.payload,
        progress: job.progress,
        signal: controller.signal,
        async saveProgress(progress, saveOptions) {
          const target = saveOptions?.store ?? store;
          if (!(await target.jobs.saveProgress({ ...fence, progress, leaseUntil: iso(leaseMs), now: iso() }))) {
            lose();
            throw new JobLeaseLost(job.id);
          }
          last = progress;
        },
      });
      clearInterval(renew);
      if (isLost) return finish('lost');
      if (controller.signal.aborted) {
        await store.jobs.release({ ...fence, now: iso() });
        return finish('released');
      }
      finish((await store.jobs.complete({ ...fence, progress: result ?? last, now: iso() })) ? 'done' : 'lost');
    } catch (error) {
      clearInterval(renew);
      if (isLost || error instanceof JobLeaseLost) return finish('lost');
      if (controller.signal.aborted && isStopped) {
        await store.jobs.release({ ...fence, now: iso() });
        return finish('released');
      }
      const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
      const isLastAttempt = job.attempts >= (handler.maxAttempts ?? 3);
      const retryAt = isLastAttempt ? undefined : iso(backoffMs({ attempts: job.attempts, baseMs: retryBaseMs }));
      await store.jobs.fail({ ...fence, error: message, ...(retryAt ? { retryAt } : {}), now: iso() });
      options.onError(error, job.id);
      finish(retryAt ? 'retry' : 'failed');
    } finally {
      clearInterval(renew);
      stopRunning = undefined;
    }
  };

  const loop = async () => {
    while (!isStopped) {
      let job: ClaimedJob | undefined;
      try {
        await prune();
        job = await store.jobs.claim({
          kinds,
          claimedBy: options.name,
          claimToken: randomBytes(16).toString('hex'),
          now: iso(),
          leaseUntil: iso(leaseMs),
        });
        if (job) await run(job);
      } catch (error) {
        options.onError(error, job?.id);
      }
      if (!job && options.shouldStopWhenIdle) return;
      if (!job) await idle();
    }
  };
  const looping = loop();

  return {
    wake() {
      hasWakeCall = true;
      wakeUp?.();
    },
    async stop() {
      isStopped = true;
      wakeUp?.();
      stopRunning?.abort(new Error('The process is stopping'));
      await looping;
    },
    stopped: looping,
  };
}

/** Runs every due job in this process until none is left; resolves when it is done. */
export function runJobsUntilIdle(options: Omit<JobRunnerOptions, 'shouldStopWhenIdle'>): Promise<void> {
  return startJobRunner({ ...options, shouldStopWhenIdle: true }).stopped;
}

/** A runner's name: the instance (INSTANCE_NAME, or the host) and the process. */
export function runnerName(instanceName: string): string {
  return `${instanceName}:${process.pid}`;
}
