import type { Category, Tag, TagKind } from './types.js';

/**
 * The store's side of the newsroom's categories and tags: edits, deletions,
 * merging one tag into another, the lists with how many posts each has, and
 * the old archive addresses that lead to a term's new one. Implemented in
 * store/queries/taxonomy.ts.
 */

/** Whose archive an old address led to: `/tag/{slug}/` or `/category/{slug}/`. */
export type TermKind = 'tag' | 'category';

export interface TagListQuery {
  /** Found in the name (any case) or, folded as a slug, in the slug. */
  text?: string;
  kind?: TagKind;
  limit: number;
  offset: number;
}

/** Posts count when they are not in the trash: the number the newsroom's list of posts shows for the term. */
export interface TagListItem extends Tag {
  postCount: number;
}

export interface CategoryListItem extends Category {
  postCount: number;
}

export interface TaxonomyStore {
  /** The tag as changed, or undefined when there is none with that id. */
  updateTag(id: number, values: Omit<Tag, 'id'>): Promise<Tag | undefined>;
  /** Removes the tag, its links to posts and the old addresses leading to it; false when there was none. */
  deleteTag(id: number): Promise<boolean>;
  /**
   * Gives every post linked to `from` a link to `into` in `from`'s place, or
   * drops `from`'s link where the post has `into` already; returns how many
   * posts had `from`. `from` itself is left for the caller to delete.
   */
  moveTagLinks(input: { from: number; into: number }): Promise<number>;
  /** By name, with how many match in all. */
  listTags(query: TagListQuery): Promise<{ items: TagListItem[]; total: number }>;

  updateCategory(id: number, values: Omit<Category, 'id'>): Promise<Category | undefined>;
  /** Removes the category: its posts lose it, its children their parent, and old addresses leading to it go. */
  deleteCategory(id: number): Promise<boolean>;
  /** Every category, by name. */
  listCategories(): Promise<CategoryListItem[]>;

  /** Makes an old slug lead to the term (replacing where it led before). */
  recordRedirect(input: { kind: TermKind; slug: string; termId: number; createdAt: string }): Promise<void>;
  /** Old addresses of `from` lead to `into` instead (after a merge). */
  moveRedirects(input: { kind: TermKind; from: number; into: number }): Promise<void>;
  forgetRedirect(input: { kind: TermKind; slug: string }): Promise<void>;
  /** The current slug of the term an old slug leads to, if any. */
  findRedirect(input: { kind: TermKind; slug: string }): Promise<string | undefined>;
}
