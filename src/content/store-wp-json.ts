import type { Comment, CommentKind } from './store-comments.js';
import type { Category, Media, PageDetails, PostKind, PostStatus, Tag, Teaser, User } from './types.js';

/** A post as the WordPress REST API shows it: its stored card and page details, and its body. */
export interface WpPostRow {
  teaser: Teaser;
  details: PageDetails;
  bodyHtml: string;
  featuredMediaId: number | null;
  status: PostStatus;
  /** The publication time as stored: null for a draft not yet given one (WordPress's "floating" date). */
  publishedAt: string | null;
  isSticky: boolean;
  /** Readers must give it to read the post; null for an open post. Never sent. */
  password: string | null;
  /** The excerpt as written (the teaser's is WordPress's notice for a protected post). */
  excerpt: string;
}

/**
 * Who is asking, for the REST API's reads: anyone sees public posts; signed-in
 * staff who ask for other statuses see those posts too, all of them or, for
 * contributors and authors, only their own (as in the newsroom).
 */
export interface WpReach {
  /** Our statuses to list; public posts for `published`. */
  statuses: PostStatus[];
  /** Set for staff who may read only their own posts that are not public. */
  ownerId?: number;
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
  /** Beyond public posts, for signed-in staff; public posts only when absent. */
  reach?: WpReach;
  /** Only sticky posts (true) or only the others (false); both when absent. */
  isSticky?: boolean;
}

export type WpCommentOrderBy = 'date' | 'id' | 'post' | 'parent';

/** A comment with what its `link` and `up` need of its post. */
export interface WpCommentRow {
  comment: Comment;
  postSlug: string;
  postKind: PostKind;
}

/** Approved comments on public posts (protected ones only when `unlockedPostIds` names them). */
export interface WpCommentQuery {
  now: string;
  offset: number;
  limit: number;
  kinds: CommentKind[];
  postIds?: number[];
  /** Replies to these comments; 0 for comments that reply to none. */
  parentIds?: number[];
  includeIds?: number[];
  excludeIds?: number[];
  /** Words in the comment or its author's name, as a case-insensitive substring. */
  search?: string;
  after?: string;
  before?: string;
  orderBy: WpCommentOrderBy;
  isAscending: boolean;
  /** Protected posts whose password the request gave. */
  unlockedPostIds?: number[];
}

/** What deciding whether a post's comments may be read needs. */
export interface WpPostAccess {
  id: number;
  isPublic: boolean;
  password: string | null;
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
  /** A public post of the kind by id (or one `reach` lets staff read), or undefined. */
  findPost(input: { kind: PostKind; id: number; now: string; reach?: WpReach }): Promise<WpPostRow | undefined>;
  listCategories(query: WpTermQuery): Promise<WpPage<Counted<Category>>>;
  listTags(query: WpTermQuery): Promise<WpPage<Counted<Tag>>>;
  categoriesByIds(ids: number[]): Promise<Category[]>;
  /** Authors of at least one public post, as WordPress lists users to readers who are not signed in. */
  listAuthors(input: { offset: number; limit: number; search?: string; slugs?: string[]; includeIds?: number[]; now: string }): Promise<WpPage<User>>;
  listMedia(input: { offset: number; limit: number; includeIds?: number[]; now: string }): Promise<WpPage<Media>>;
  listComments(query: WpCommentQuery): Promise<WpPage<WpCommentRow>>;
  /** Any comment by id, with whether the REST API may show it: approved, on a public post, and that post's password. */
  findComment(id: number, now: string): Promise<(WpCommentRow & { isApproved: boolean; post: WpPostAccess }) | undefined>;
  /** Whether each post is public, and its password; posts not there are left out. */
  postAccess(ids: number[], now: string): Promise<WpPostAccess[]>;
  /** The newest `perPost` approved comments of each post, for `_embed`'s replies: one query. */
  latestComments(input: { postIds: number[]; perPost: number }): Promise<Map<number, WpCommentRow[]>>;
}
