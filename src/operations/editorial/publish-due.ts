import type { OperationContext } from '../context.js';
import { writeSave } from './save-post.js';

export interface PublishReport {
  published: Array<{ id: number; slug: string }>;
  /** Posts that could not be published this time; they stay scheduled and the next run tries again. */
  failed: Array<{ id: number; error: unknown }>;
}

/** How many posts one run publishes at most; the next run takes the rest. */
const BATCH = 200;

/**
 * Publishes every scheduled post whose time has come: status, the link
 * tables' copy of the publication time, stored fragments, and a revision
 * saying the scheduler did it. Each post is claimed by a conditional UPDATE
 * in a transaction of its own, so runs in several processes at once publish
 * each post exactly once, and one failing post does not hold back the others.
 */
export async function publishDuePosts(context: OperationContext): Promise<PublishReport> {
  const now = context.clock.now();
  const report: PublishReport = { published: [], failed: [] };
  for (const id of await context.store.editorial.listDue({ now: now.toISOString(), limit: BATCH })) {
    try {
      const post = await context.store.transaction(async (store) => {
        if (!(await store.editorial.claimDuePublication({ postId: id, now: now.toISOString() }))) return undefined;
        const current = (await store.posts.findById(id))!;
        return writeSave(store, {
          current,
          changes: {},
          action: 'scheduled-publish',
          note: null,
          actor: null,
          now,
          // The claim dated the update at the publication time, so the story is not shown as corrected the moment it appears.
          updatedAt: current.updatedAt,
          shouldCheckAltText: false,
          shouldIgnoreMissingMedia: true,
        });
      });
      if (post) report.published.push({ id: post.id, slug: post.slug });
    } catch (error) {
      report.failed.push({ id, error });
    }
  }
  return report;
}
