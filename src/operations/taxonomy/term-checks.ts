import { AppError, validationFailed } from '../../lib/errors.js';
import type { Store } from '../../content/store.js';
import type { TermKind } from '../../content/store-taxonomy.js';

export function slugTaken(slug: string, kind: TermKind): AppError {
  return new AppError('CONFLICT', `The slug "${slug}" is already used by another ${kind}`, {
    issues: [{ path: '/slug', message: `is already used by another ${kind}` }],
  });
}

export async function requireMedia(store: Store, id: number | null | undefined, path: string): Promise<void> {
  if (id && !(await store.media.findById(id))) throw validationFailed([{ path, message: `no media has id ${id}` }]);
}

/**
 * Refuses a parent that does not exist, or that is the category itself or one
 * of its descendants: a section inside itself has no page to show and would
 * make every walk up the tree endless.
 */
export async function requireParent(store: Store, input: { id: number; parentId: number }): Promise<void> {
  const refuse = (message: string) => validationFailed([{ path: '/parentId', message }]);
  if (input.parentId === input.id) throw refuse('cannot be the category itself');
  let ancestor = await store.categories.findById(input.parentId);
  if (!ancestor) throw refuse(`no category has id ${input.parentId}`);
  const seen = new Set<number>();
  while (ancestor.parentId !== null && !seen.has(ancestor.id)) {
    if (ancestor.parentId === input.id) throw refuse('is inside this category; a category cannot be placed inside its own subcategory');
    seen.add(ancestor.id);
    const next = await store.categories.findById(ancestor.parentId);
    if (!next) break;
    ancestor = next;
  }
}
