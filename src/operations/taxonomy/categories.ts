import { notFound } from '../../lib/errors.js';
import { categoryChanges } from '../../content/taxonomy-schemas.js';
import type { Category } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import { postsShowing } from '../editorial/rerender.js';
import { rerenderOrQueue, type RerenderOutcome } from '../queue-jobs.js';
import type { TermChange } from './tags.js';
import { requireParent, slugTaken } from './term-checks.js';

/**
 * Changes a category's name, slug, description or parent. Cards and pages
 * show the section's name and link, so a change to either renders its posts
 * again (after the edit is stored; see updateTag for why); the old slug keeps
 * leading to the section's page.
 */
export async function updateCategory(context: OperationContext, id: number, input: unknown): Promise<TermChange<Category>> {
  const changes = categoryChanges.parse(input);
  const { category, postIds } = await context.store.transaction(async (store) => {
    const current = await store.categories.findById(id);
    if (!current) throw notFound('That category');
    const slug = changes.slug ?? current.slug;
    const isSlugChanged = slug !== current.slug;
    if (isSlugChanged && (await store.categories.slugExists(slug))) throw slugTaken(slug, 'category');
    if (changes.parentId) await requireParent(store, { id, parentId: changes.parentId });
    const category = (await store.taxonomy.updateCategory(id, { ...current, ...changes }))!;
    if (isSlugChanged) {
      await store.taxonomy.recordRedirect({ kind: 'category', slug: current.slug, termId: id, createdAt: context.clock.now().toISOString() });
      await store.taxonomy.forgetRedirect({ kind: 'category', slug });
    }
    const isShownChanged = category.name !== current.name || category.slug !== current.slug;
    await store.changes.record({ kind: 'term', ids: [id] });
    return { category, postIds: isShownChanged ? await postsShowing(store, { categoryId: id }) : [] };
  });
  return { term: category, rerendered: await rerenderOrQueue(context, postIds) };
}

/** Deletes a category: its posts are left without one (and rendered again), its subcategories move up to the top. */
export async function deleteCategory(context: OperationContext, id: number): Promise<RerenderOutcome> {
  const postIds = await context.store.transaction(async (store) => {
    if (!(await store.categories.findById(id))) throw notFound('That category');
    const postIds = await postsShowing(store, { categoryId: id });
    await store.taxonomy.deleteCategory(id);
    await store.changes.record({ kind: 'term', ids: [id] });
    // Its posts have no section from now on, before they are rendered again.
    if (postIds.length > 0) await store.changes.record({ kind: 'post', ids: postIds });
    return postIds;
  });
  return rerenderOrQueue(context, postIds);
}
