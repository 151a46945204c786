import type { OperationContext } from '../context.js';

/**
 * Where an archive address that no longer names a term leads: the current
 * slug of the tag it was merged into, or of the term that left that slug.
 * Authors have no old addresses.
 */
export async function findMovedArchive(context: OperationContext, kind: 'category' | 'tag' | 'author', slug: string): Promise<string | undefined> {
  if (kind === 'author') return undefined;
  return context.store.taxonomy.findRedirect({ kind, slug });
}
