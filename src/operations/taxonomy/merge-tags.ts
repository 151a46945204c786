import { notFound, validationFailed } from '../../lib/errors.js';
import { tagMergeInput } from '../../content/taxonomy-schemas.js';
import type { Tag } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import { postsShowing } from '../editorial/rerender.js';
import { rerenderOrQueue } from '../queue-jobs.js';
import type { TermChange } from './tags.js';

/**
 * Merges tag `from` into tag `into`, as when "Kanye" and "Kanye West" turn
 * out to be one person: every post with `from` has `into` instead, in the
 * same place among its tags and never twice; `from` is deleted and its
 * address (and any old address that led to it) leads to `into`'s page. The
 * posts that had `from` are rendered again after the merge is stored (see
 * updateTag for why after).
 */
export async function mergeTags(context: OperationContext, input: unknown): Promise<TermChange<Tag> & { movedPosts: number }> {
  const { from, into } = tagMergeInput.parse(input);
  if (from === into) throw validationFailed([{ path: '/into', message: 'must be another tag than the one merged into it' }]);
  const { tag, postIds, movedPosts } = await context.store.transaction(async (store) => {
    const [source] = await store.tags.findByIds([from]);
    if (!source) throw notFound('That tag');
    const [target] = await store.tags.findByIds([into]);
    if (!target) throw validationFailed([{ path: '/into', message: `no tag has id ${into}` }]);
    const postIds = await postsShowing(store, { tagId: from });
    const movedPosts = await store.taxonomy.moveTagLinks({ from, into });
    await store.taxonomy.moveRedirects({ kind: 'tag', from, into });
    await store.taxonomy.deleteTag(from);
    await store.taxonomy.recordRedirect({ kind: 'tag', slug: source.slug, termId: into, createdAt: context.clock.now().toISOString() });
    await store.changes.record({ kind: 'term', ids: [from, into] });
    if (postIds.length > 0) await store.changes.record({ kind: 'post', ids: postIds });
    return { tag: target, postIds, movedPosts };
  });
  return { term: tag, movedPosts, rerendered: await rerenderOrQueue(context, postIds) };
}
