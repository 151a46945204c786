import type { Store } from '../../content/store.js';
import { rerenderPosts } from '../../operations/editorial/rerender.js';
import type { JobHandler } from '../job-queue.js';

/**
 * `rerender-posts` ({ postIds }): the posts an edit to a term, author or
 * picture touched, when there are too many to render before the edit answers
 * (operations/queue-jobs.ts). Checkpointed per batch in the batch's
 * transaction, as rerender-all is.
 */
export function rerenderPostsHandler(context: { store: Store }): JobHandler {
  return {
    maxAttempts: 5,
    async run({ payload, progress, saveProgress, signal }) {
      const postIds = (payload as { postIds?: unknown }).postIds;
      if (!Array.isArray(postIds) || !postIds.every((id) => Number.isSafeInteger(id))) throw new Error('The job names no list of post ids');
      const start = progress.done;
      await rerenderPosts(context.store, (postIds as number[]).slice(start), {
        signal,
        inBatch: (tx, step) => saveProgress({ done: start + step.done, total: postIds.length, checkpoint: null }, { store: tx }),
      });
      return { done: postIds.length, total: postIds.length, checkpoint: null };
    },
  };
}
