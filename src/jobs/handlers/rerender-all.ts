import type { Store } from '../../content/store.js';
import { rerenderAllPosts, type RerenderAllStep } from '../../operations/post-fragments.js';
import type { JobHandler } from '../job-queue.js';

/**
 * `rerender-all`: every post's fragments with the settings as they are when
 * the run starts (a settings change while it runs restarts it, see
 * queueRerenderAll). Each batch's writes and the checkpoint after it (the
 * last post id, how many are done) are one transaction fenced by the claim,
 * so a process killed midway neither skips nor repeats a batch, and one that
 * lost its claim writes nothing: every post is rendered exactly once.
 */
export function rerenderAllHandler(context: { store: Store }): JobHandler {
  return {
    maxAttempts: 5,
    async run({ progress, saveProgress, signal }) {
      const from = (progress.checkpoint as RerenderAllStep | null) ?? { afterId: 0, done: 0 };
      // Counted once, at the first start; posts added meanwhile are rendered with their save and may push done past it.
      const total = progress.total ?? (await context.store.posts.count());
      if (progress.total === null) await saveProgress({ done: 0, total, checkpoint: from });
      const done = await rerenderAllPosts(context, {
        from,
        signal,
        inBatch: (tx, step) => saveProgress({ done: step.done, total: Math.max(total, step.done), checkpoint: step }, { store: tx }),
      });
      return { done, total: Math.max(total, done), checkpoint: null };
    },
  };
}
