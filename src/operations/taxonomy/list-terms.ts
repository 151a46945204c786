import { tagListInput } from '../../content/taxonomy-schemas.js';
import type { CategoryListItem, TagListItem } from '../../content/store-taxonomy.js';
import type { OperationContext } from '../context.js';

export interface TagPage {
  /** By name. */
  items: TagListItem[];
  /** How many tags match in all, for the pager. */
  total: number;
  page: number;
  perPage: number;
}

/** A page of tags, found by words in the name (or slug) and by kind, each with how many posts it has. */
export async function listTags(context: OperationContext, input: unknown): Promise<TagPage> {
  const query = tagListInput.parse(input);
  const text = query.text?.trim();
  const { items, total } = await context.store.taxonomy.listTags({
    ...(text ? { text } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
  return { items, total, page: query.page, perPage: query.perPage };
}

/** Every category with its parent and how many posts it has; sites have tens, so there is no paging. */
export async function listCategories(context: OperationContext): Promise<CategoryListItem[]> {
  return context.store.taxonomy.listCategories();
}
