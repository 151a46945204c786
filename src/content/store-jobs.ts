/**
 * Jobs kept in the store: long work (re-rendering every page, making picture
 * sizes) that one process claims at a time, that survives a crash, and that
 * the newsroom and `masthead jobs` can watch. src/jobs/ runs them; the SQL is
 * in store/queries/jobs.ts. Times are ISO-8601 UTC strings.
 */

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** How far a job has come: `done` of `total` items, and where to go on from (the handler's own shape). */
export interface JobProgress {
  done: number;
  total: number | null;
  checkpoint: unknown;
}

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  status: JobStatus;
  /** Claims so far; the one running counts. */
  attempts: number;
  maxAttempts: number;
  /** Not claimed before this instant (a retry's backoff). */
  runAfter: string;
  /** The process that holds (or last held) it, as INSTANCE_NAME and process id say. */
  claimedBy: string | null;
  /** Until when the holder's claim stands; past it, another process may take the job over from its checkpoint. */
  leaseUntil: string | null;
  progress: JobProgress;
  lastError: string | null;
  /** While a job with this key is queued or running, no second one is queued. */
  dedupeKey: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** A claimed job: the token fences every write its holder makes, so a holder that lost its lease cannot write. */
export interface ClaimedJob extends Job {
  claimToken: string;
}

export interface NewJob {
  kind: string;
  payload: unknown;
  maxAttempts: number;
  /** At most one queued or running job per key. */
  dedupeKey?: string;
  /**
   * What to do when a job with the same key is pending: `keep` it as it is,
   * or `restart` it from the beginning with this payload (its holder, if any,
   * is fenced out at its next write), for work whose result depends on when it
   * starts, such as re-rendering with the newest settings.
   */
  onPending?: 'keep' | 'restart';
  now: string;
}

export interface JobFence {
  id: number;
  claimToken: string;
}

export interface JobStore {
  /** Queues a job, or returns the pending one with the same dedupe key (restarted when asked). */
  enqueue(job: NewJob): Promise<Job>;
  /**
   * Takes the next job of one of `kinds` that is due, or whose holder's lease
   * has run out, in one statement: two processes never claim the same one.
   */
  claim(input: { kinds: readonly string[]; claimedBy: string; claimToken: string; now: string; leaseUntil: string }): Promise<ClaimedJob | undefined>;
  /** Extends the holder's lease; false when it is no longer the holder. */
  extendLease(fence: JobFence & { leaseUntil: string; now: string }): Promise<boolean>;
  /** Records progress (and extends the lease); false when the token is no longer the holder's. Pass a transaction's store to make it part of that work. */
  saveProgress(fence: JobFence & { progress: JobProgress; leaseUntil: string; now: string }): Promise<boolean>;
  complete(fence: JobFence & { progress?: JobProgress; now: string }): Promise<boolean>;
  /** Gives a job back unfinished (its process is stopping): queued again at once from its checkpoint, the attempt not counted. */
  release(fence: JobFence & { now: string }): Promise<boolean>;
  /** A failed attempt: queued again after `retryAt`, or failed for good when it is undefined. */
  fail(fence: JobFence & { error: string; retryAt?: string; now: string }): Promise<boolean>;
  findById(id: number): Promise<Job | undefined>;
  /** Newest first. */
  list(input: { statuses?: readonly JobStatus[]; kind?: string; limit: number; offset: number }): Promise<Job[]>;
  countByStatus(): Promise<Record<JobStatus, number>>;
  /** Queues a failed job again from its checkpoint, with its attempts reset; false when it is not failed. */
  retry(input: { id: number; now: string }): Promise<Job | undefined>;
  /** Deletes done and failed jobs that finished before `before`; returns how many. */
  prune(input: { before: string }): Promise<number>;
}
