import { notFound } from '../../lib/errors.js';
import { tagChanges } from '../../content/taxonomy-schemas.js';
import type { Tag } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import { postsShowing } from '../editorial/rerender.js';
import { rerenderOrQueue, type RerenderOutcome } from '../queue-jobs.js';
import { requireMedia, slugTaken } from './term-checks.js';

export interface TermChange<T> {
  term: T;
  /** The posts rendered again because they show the term's name or link. */
  rerendered: RerenderOutcome;
}

/**
 * Changes a tag's name, slug, kind, description or picture. Posts show a tag's
 * name, link and kind, so a change to one of those renders them again; the
 * old slug keeps leading to the tag's page.
 *
 * The edit is one transaction; the posts are rendered after it, in batches of
 * their own (editorial/rerender.ts), so a tag on thousands of stories does not
 * hold the database's only writer for the whole run. A save made meanwhile
 * renders its post itself.
 */
export async function updateTag(context: OperationContext, id: number, input: unknown): Promise<TermChange<Tag>> {
  const changes = tagChanges.parse(input);
  const { tag, postIds } = await context.store.transaction(async (store) => {
    const [current] = await store.tags.findByIds([id]);
    if (!current) throw notFound('That tag');
    const slug = changes.slug ?? current.slug;
    const isSlugChanged = slug !== current.slug;
    if (isSlugChanged && (await store.tags.slugExists(slug))) throw slugTaken(slug, 'tag');
    await requireMedia(store, changes.imageMediaId, '/imageMediaId');
    const tag = (await store.taxonomy.updateTag(id, { ...current, ...changes }))!;
    if (isSlugChanged) {
      await store.taxonomy.recordRedirect({ kind: 'tag', slug: current.slug, termId: id, createdAt: context.clock.now().toISOString() });
      await store.taxonomy.forgetRedirect({ kind: 'tag', slug });
    }
    const isShownChanged = tag.name !== current.name || tag.slug !== current.slug || tag.kind !== current.kind;
    await store.changes.record({ kind: 'term', ids: [id] });
    return { tag, postIds: isShownChanged ? await postsShowing(store, { tagId: id }) : [] };
  });
  return { term: tag, rerendered: await rerenderOrQueue(context, postIds) };
}

/** Deletes a tag: posts lose it and are rendered again without it; its archive address is gone. */
export async function deleteTag(context: OperationContext, id: number): Promise<RerenderOutcome> {
  const postIds = await context.store.transaction(async (store) => {
    const [tag] = await store.tags.findByIds([id]);
    if (!tag) throw notFound('That tag');
    const postIds = await postsShowing(store, { tagId: id });
    await store.taxonomy.deleteTag(id);
    await store.changes.record({ kind: 'term', ids: [id] });
    // Its posts lose it now, before they are rendered again.
    if (postIds.length > 0) await store.changes.record({ kind: 'post', ids: postIds });
    return postIds;
  });
  return rerenderOrQueue(context, postIds);
}
