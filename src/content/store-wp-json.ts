import type { Category, Media, PageDetails, PostKind, Tag, Teaser, User } from './types.js';

/** A public post as the WordPress REST API shows it: its stored card and page details, and its body. */
export interface WpPostRow {
  teaser: Teaser;
  details: PageDetails;
  bodyHtml: string;
  featuredMediaId: number | null;
}

export type WpPostOrderBy = 'date' | 'id' | 'title' | 'slug' | 'modified';

export interface WpPostQuery {
  kinds: PostKind[];
  /** Only posts published at or before this instant are public. */
  now: string;
  offset: number;
  limit: number;
  /** The reader's words, matched by the engine's full-text search; undefined for none. */
  search?: string;
  slugs?: string[];
  categoryIds?: number[];
  tagIds?: number[];
  authorIds?: number[];
  includeIds?: number[];
  publishedAfter?: string;
  publishedBefore?: string;
  orderBy: WpPostOrderBy;
  isAscending: boolean;
}

export interface WpTermQuery {
  offset: number;
  limit: number;
  search?: string;
  slugs?: string[];
  includeIds?: number[];
  /** Leave out terms on no public article (WordPress's `hide_empty`). */
  isHidingEmpty: boolean;
  now: string;
}

/** A term with the number of public articles that carry it. */
export type Counted<T> = T & { count: number };

/** A page of a listing and how many items the whole listing has, for X-WP-Total. */
export interface WpPage<T> {
  total: number;
  items: T[];
}

/**
 * The store's reads for the WordPress REST API (src/wp-json/); implemented in
 * store/queries/wp-json.ts. Each listing is two queries, the count and the page.
 */
export interface WpJsonStore {
  listPosts(query: WpPostQuery): Promise<WpPage<WpPostRow>>;
  /** A public post of the kind by id, or undefined. */
  findPost(input: { kind: PostKind; id: number; now: string }): Promise<WpPostRow | undefined>;
  listCategories(query: WpTermQuery): Promise<WpPage<Counted<Category>>>;
  listTags(query: WpTermQuery): Promise<WpPage<Counted<Tag>>>;
  categoriesByIds(ids: number[]): Promise<Category[]>;
  /** Authors of at least one public post, as WordPress lists users to readers who are not signed in. */
  listAuthors(input: { offset: number; limit: number; search?: string; slugs?: string[]; includeIds?: number[]; now: string }): Promise<WpPage<User>>;
  listMedia(input: { offset: number; limit: number; includeIds?: number[]; now: string }): Promise<WpPage<Media>>;
}
