import type { Store } from '../../content/store.js';
import { shownThingInput } from '../../content/schemas-editorial.js';
import type { ShownThing } from '../../content/store-editorial.js';
import { renderPost } from '../post-content.js';
import { loadFragmentSite } from '../post-fragments.js';
import { resolveReferences } from '../post-references.js';
import { contentOf } from './save-post.js';

export interface RerenderReport {
  rendered: number[];
  /** Gone, or saved while this ran (that save rendered it with what is current). */
  skipped: number[];
}

const BATCH = 100;

/**
 * Renders posts again from their stored body document and what their
 * references are now (pictures with their captions and credits, tags,
 * section, authors): body HTML, card, page details and fragments. For when
 * something a post shows is edited; the post's content, revision and dates
 * stay as they are. Batches are transactions of their own, so readers are not
 * held up; pass a transaction's store to make it part of the edit instead.
 * `inBatch` runs inside each batch's transaction with how many of `postIds`
 * are done once it commits (a job's checkpoint, jobs/handlers/rerender-posts.ts).
 */
export async function rerenderPosts(
  store: Store,
  postIds: readonly number[],
  options: { inBatch?: (tx: Store, step: { done: number }) => Promise<void>; signal?: AbortSignal } = {},
): Promise<RerenderReport> {
  const report: RerenderReport = { rendered: [], skipped: [] };
  if (postIds.length === 0) return report;
  const site = await loadFragmentSite(store);
  for (let start = 0; start < postIds.length; start += BATCH) {
    options.signal?.throwIfAborted();
    await store.transaction(async (tx) => {
      // A job's fenced checkpoint, first (see rerenderAllPosts).
      await options.inBatch?.(tx, { done: Math.min(postIds.length, start + BATCH) });
      const renderedBefore = report.rendered.length;
      for (const id of postIds.slice(start, start + BATCH)) {
        const post = await tx.posts.findById(id);
        if (!post) {
          report.skipped.push(id);
          continue;
        }
        const content = contentOf(post);
        const references = await resolveReferences(tx, content, { shouldIgnoreMissingMedia: true });
        const rendered = renderPost({ site, content, references, updatedAt: post.updatedAt, isProtected: post.password !== null });
        const isWritten = await tx.editorial.writeRendered({ id, revision: post.revision, rendered });
        (isWritten ? report.rendered : report.skipped).push(id);
      }
      const rendered = report.rendered.slice(renderedBefore);
      // Rendered again, not moved: the pages showing them, not the lists they are in.
      if (rendered.length > 0) await tx.changes.record({ kind: 'post', ids: rendered, lists: [] });
    });
  }
  return report;
}

/**
 * The posts (any status) that show a picture (featured or in the body), a tag,
 * a section or an author: `{ mediaId }`, `{ tagId }`, `{ categoryId }` or
 * `{ userId }`. VALIDATION_FAILED for anything else.
 */
export async function postsShowing(store: Store, thing: unknown): Promise<number[]> {
  return store.editorial.postsShowing(shownThingInput.parse(thing) as ShownThing);
}

/** postsShowing and rerenderPosts together: what an edit to a picture, tag, section or author calls after saving it. */
export async function rerenderPostsShowing(store: Store, thing: unknown): Promise<RerenderReport> {
  return rerenderPosts(store, await postsShowing(store, thing));
}
