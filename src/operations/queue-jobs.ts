import type { Store } from '../content/store.js';
import type { Job } from '../content/store-jobs.js';
import type { OperationContext } from './context.js';
import { rerenderPosts, type RerenderReport } from './editorial/rerender.js';

/** The kinds of job the program queues; src/jobs/handlers/ runs each. */
export const JOB_KINDS = {
  /** Every post's stored fragments, after a change to what they all show (settings). */
  rerenderAll: 'rerender-all',
  /** Some posts, after an edit to a term, author or picture they show. */
  rerenderPosts: 'rerender-posts',
  /** Sizes of pictures stored without them (an import). */
  pictureSizes: 'picture-sizes',
  /** A CDN purge that failed when the change was made (src/cdn-purge/purge-soon.ts), tried again. */
  cdnPurge: 'cdn-purge',
} as const;

/**
 * Attempts at a failed CDN purge: with the runner's doubling backoff (10 s at
 * first, at most an hour) they span about three and a half hours, longer
 * than a CDN's API is usually down; after that the job is kept as failed
 * on the Jobs page, where it can be retried.
 */
export const CDN_PURGE_ATTEMPTS = 12;

/**
 * An edit that touches at most this many posts renders them before it
 * answers, so the editor who made it sees every page changed when the answer
 * comes (about a second at most); more go to a job, so the request answers at
 * once and the pages follow.
 */
export const RERENDER_NOW_LIMIT = 100;

async function enqueue(store: Store, job: Parameters<Store['jobs']['enqueue']>[0]): Promise<Job> {
  const queued = await store.jobs.enqueue(job);
  // Runners in every process hear of it at once (src/change-bus/) instead of at their next look.
  await store.changes.record({ kind: 'jobs', ids: [queued.id] });
  return queued;
}

/**
 * Queues a re-render of every post with the settings as they are when it
 * runs. One at a time: a change while one is queued or running restarts it
 * from the first post, so every page ends with the newest settings.
 */
export function queueRerenderAll(context: OperationContext): Promise<Job> {
  return enqueue(context.store, {
    kind: JOB_KINDS.rerenderAll,
    payload: {},
    maxAttempts: 5,
    dedupeKey: JOB_KINDS.rerenderAll,
    onPending: 'restart',
    now: context.clock.now().toISOString(),
  });
}

/** Queues the sizes of pictures stored without them; at most one such job is pending. */
export function queuePictureSizes(context: OperationContext): Promise<Job> {
  return enqueue(context.store, {
    kind: JOB_KINDS.pictureSizes,
    payload: {},
    maxAttempts: 3,
    dedupeKey: JOB_KINDS.pictureSizes,
    onPending: 'keep',
    now: context.clock.now().toISOString(),
  });
}

/**
 * Queues a CDN purge of `tags` that failed, to be retried with backoff by
 * whichever process's runner claims it. Not deduplicated: each failed purge
 * is a job of its own, so no tag is dropped by merging.
 */
export function queueCdnPurge(context: OperationContext, tags: readonly string[]): Promise<Job> {
  return enqueue(context.store, {
    kind: JOB_KINDS.cdnPurge,
    payload: { tags: [...tags] },
    maxAttempts: CDN_PURGE_ATTEMPTS,
    now: context.clock.now().toISOString(),
  });
}

/** What an edit reports about the posts it rendered: those rendered now, or the job that renders them. */
export type RerenderOutcome = RerenderReport & { jobId?: number };

/**
 * Renders the posts an edit touched: now when they are few
 * (RERENDER_NOW_LIMIT), through a `rerender-posts` job otherwise. Pass a
 * transaction's store to queue the job with the edit (it exists if and only if
 * the edit commits).
 */
export async function rerenderOrQueue(context: OperationContext, postIds: readonly number[]): Promise<RerenderOutcome> {
  if (postIds.length <= RERENDER_NOW_LIMIT) return rerenderPosts(context.store, postIds);
  const job = await enqueue(context.store, {
    kind: JOB_KINDS.rerenderPosts,
    payload: { postIds },
    maxAttempts: 5,
    now: context.clock.now().toISOString(),
  });
  return { rendered: [], skipped: [], jobId: job.id };
}
