import type { NewPost } from './store.js';
import type { CategoryRef, PageDetails, PersonRef, Post, PostFragments, PostKind, PostStatus, Teaser } from './types.js';

/**
 * The store's reads and writes for the newsroom: saving over a post with a
 * concurrency check, its revisions, autosaves, slug history, preview links,
 * scheduled publication and the newsroom's own list. Implemented in
 * store/queries/editorial.ts.
 */

/** What a post says: everything an editor can change, and its status. Saves write it; revisions keep it. */
export type PostContent = Pick<
  Post,
  'kind' | 'status' | 'slug' | 'title' | 'excerpt' | 'body' | 'featuredMediaId' | 'categoryId' | 'authorIds' | 'tagIds' | 'sources' | 'seo' | 'publishedAt'
>;

/** A post's content as one revision kept it. */
export type PostSnapshot = PostContent;

/** Why a revision exists: a save, a restore, or a step of the review workflow. */
export const REVISION_ACTIONS = [
  'create',
  'save',
  'restore',
  'submit',
  'publish',
  'schedule',
  'send-back',
  'unpublish',
  'scheduled-publish',
  /** Written by the WordPress importer, first time and on a re-import of a changed item. */
  'import',
] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

export interface NewRevision {
  postId: number;
  revision: number;
  action: RevisionAction;
  /** Who saved it; null for the scheduler and for saves made without an account (seeding, imports). */
  userId: number | null;
  /** An editor's note, e.g. why a post was sent back. */
  note: string | null;
  createdAt: string;
  snapshot: PostSnapshot;
}

/** A revision as the list of revisions shows it: no body. */
export interface RevisionSummary {
  postId: number;
  revision: number;
  action: RevisionAction;
  title: string;
  status: PostStatus;
  note: string | null;
  savedBy: PersonRef | null;
  savedAt: string;
}

export interface Revision extends RevisionSummary {
  snapshot: PostSnapshot;
}

/** A post's content as written by a save: everything in a new post but its creation time. */
export type PostWrite = Omit<NewPost, 'createdAt'>;

/** What re-rendering rewrites; the content itself is left alone. */
export interface RenderedPost {
  bodyHtml: string;
  bodyText: string;
  card: Omit<Teaser, 'id'>;
  page: PageDetails;
  fragments: PostFragments;
}

export interface Autosave {
  postId: number;
  userId: number;
  /** The revision the editor was editing; older than the post's means someone saved since. */
  baseRevision: number;
  savedAt: string;
  /** The editor's unsaved fields, as they were sent. */
  changes: Record<string, unknown>;
}

export interface PreviewToken {
  /** SHA-256 of the token, hex; the token itself is never stored. */
  tokenHash: string;
  postId: number;
  createdBy: number | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** Exactly one of these: the posts that show a picture, a tag, a section or an author. */
export type ShownThing = { mediaId: number } | { tagId: number } | { categoryId: number } | { userId: number };

export interface NewsroomQuery {
  /** One status; without it, every status but `trashed`. */
  status?: PostStatus;
  kind?: PostKind;
  authorId?: number;
  categoryId?: number;
  tagId?: number;
  /** Words to find in the title, excerpt or body. */
  text?: string;
  /**
   * Set for staff who may not open others' unpublished posts: the list then
   * holds their own posts, in any status, and others' published ones only.
   */
  ownerId?: number;
  /** With `ownerId`: the kinds of their own unpublished posts to list (all when absent). */
  ownKinds?: PostKind[];
  limit: number;
  offset: number;
}

export interface NewsroomItem {
  id: number;
  kind: PostKind;
  title: string;
  slug: string;
  status: PostStatus;
  authors: PersonRef[];
  category: CategoryRef | null;
  updatedAt: string;
  publishedAt: string | null;
  revision: number;
}

export interface EditorialStore {
  /**
   * Moves a post from revision `expected` to the next one, as the first write
   * of a save, so that of two saves naming the same revision only one goes on.
   * False when the post is missing or its revision is not `expected`.
   */
  claimRevision(input: { postId: number; expected: number }): Promise<boolean>;
  /**
   * The scheduler's claim: marks a scheduled post published, and takes its
   * next revision, only if it is still scheduled and due. False when another
   * run got there first or the post was changed meanwhile.
   */
  claimDuePublication(input: { postId: number; now: string }): Promise<boolean>;
  /** Ids of scheduled posts due at `now`, soonest first. */
  listDue(input: { now: string; limit: number }): Promise<number[]>;
  /** Writes a post's content, rendered forms and links (tags, authors, media) in step; the revision is the claim's business. */
  writePost(id: number, post: PostWrite): Promise<void>;
  /** Rewrites what a post shows, if it is still at `revision`; false when a save got there first. */
  writeRendered(input: { id: number; revision: number; rendered: RenderedPost }): Promise<boolean>;

  insertRevision(revision: NewRevision): Promise<void>;
  /** Newest first. */
  listRevisions(postId: number): Promise<RevisionSummary[]>;
  findRevision(postId: number, revision: number): Promise<Revision | undefined>;

  /** Remembers a slug a post no longer uses (for redirects), and forgets it when the post takes it back. */
  recordSlugChange(input: { postId: number; oldSlug: string; newSlug: string; changedAt: string }): Promise<void>;
  /** The slugs a post used before, newest first. */
  oldSlugs(postId: number): Promise<string[]>;
  /** The post that most recently left a slug, for redirecting old links. */
  findPostIdByOldSlug(slug: string): Promise<number | undefined>;

  putAutosave(autosave: Autosave): Promise<void>;
  findAutosave(input: { postId: number; userId: number }): Promise<Autosave | undefined>;
  deleteAutosave(input: { postId: number; userId: number }): Promise<void>;

  insertPreviewToken(token: PreviewToken): Promise<void>;
  findPreviewToken(tokenHash: string): Promise<PreviewToken | undefined>;
  /** Revokes every live preview link of a post; returns how many. */
  revokePreviewTokens(input: { postId: number; revokedAt: string }): Promise<number>;

  /** Ids of posts (any status) that show the thing, in id order. */
  postsShowing(thing: ShownThing): Promise<number[]>;
  /** Newest updated first; `total` counts every match, not just the page. */
  listForNewsroom(query: NewsroomQuery): Promise<{ items: NewsroomItem[]; total: number }>;
}
