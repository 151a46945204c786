import { changeLists } from '../content/store-changes.js';
import type { PostContent } from '../content/store-editorial.js';

/**
 * The story lists a save moves the post in, out of or within: every list it
 * was in and is in, when it is or was published and its place in them
 * changed (published or withdrawn, redated, another section, tags or
 * authors). None for an edit that leaves its place alone: the pages showing
 * its card already name the post itself.
 */
export function listsMovedIn(before: PostContent, after: PostContent): string[] {
  const wasListed = before.status === 'published';
  const isListed = after.status === 'published';
  if (!wasListed && !isListed) return [];
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((id) => b.includes(id));
  const isMoved =
    wasListed !== isListed ||
    before.kind !== after.kind ||
    before.publishedAt !== after.publishedAt ||
    before.categoryId !== after.categoryId ||
    !same(before.tagIds, after.tagIds) ||
    !same(before.authorIds, after.authorIds);
  if (!isMoved) return [];
  const lists = new Set<string>([changeLists.home]);
  for (const content of [before, after]) {
    if (content.categoryId !== null) lists.add(changeLists.category(content.categoryId));
    for (const id of content.tagIds) lists.add(changeLists.tag(id));
    for (const id of content.authorIds) lists.add(changeLists.author(id));
  }
  return [...lists];
}
