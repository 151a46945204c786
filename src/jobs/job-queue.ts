import type { Store } from '../content/store.js';
import type { Job, JobProgress } from '../content/store-jobs.js';

/**
 * What a job handler is handed. Jobs live in the store (content/store-jobs.ts)
 * and any serving process may run them (job-runner.ts); a handler does its
 * work in steps, saving a checkpoint after each, so a process killed midway
 * leaves work another can take over from the last checkpoint.
 */
export interface JobRun {
  job: Job;
  payload: unknown;
  /** Where the last holder got to ({ done: 0, total: null, checkpoint: null } at first). */
  progress: JobProgress;
  /**
   * Records progress, fenced by this run's claim: throws JobLeaseLost when
   * another process has taken the job over (or it was restarted). Pass a
   * transaction's store to write the checkpoint in the same transaction as
   * the step's work, so the step and its checkpoint land together or not at all.
   */
  saveProgress(progress: JobProgress, options?: { store?: Store }): Promise<void>;
  /** Aborted when the process stops or the claim is lost: finish the step, then return or throw. */
  signal: AbortSignal;
}

export interface JobHandler {
  run(run: JobRun): Promise<JobProgress | void>;
  /** Attempts before it is failed for good (3 by default). */
  maxAttempts?: number;
}

/** Handlers by job kind; a runner claims only the kinds it has handlers for. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** Thrown where a run's write finds that its claim is no longer its own: the run stops, and writes nothing more. */
export class JobLeaseLost extends Error {
  constructor(jobId: number) {
    super(`Job ${jobId} is no longer held by this process`);
    this.name = 'JobLeaseLost';
  }
}

/** How long to wait before the next attempt after `attempts` failed ones: doubling from `baseMs`, at most an hour. */
export function backoffMs(input: { attempts: number; baseMs: number }): number {
  return Math.min(input.baseMs * 2 ** Math.max(0, input.attempts - 1), 3_600_000);
}
