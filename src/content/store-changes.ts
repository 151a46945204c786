/**
 * The store's side of change signals: an outbox of "this changed" rows,
 * written by every operation inside the transaction that makes the change,
 * so a change that rolls back is never announced and one that commits always
 * is. src/change-bus/ carries them to every process and machine; the site's
 * settings in memory and the response cache (next) act on them. Implemented
 * in store/queries/changes.ts.
 */

/** What kind of thing changed. 'jobs' wakes job runners; the others say what pages may show differently. */
export const CHANGE_KINDS = ['settings', 'post', 'term', 'author', 'media', 'redirects', 'comments', 'jobs'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * One change: its kind and the ids of the rows that changed (posts for
 * 'post' and 'comments', categories and tags for 'term', users for 'author',
 * media for 'media', redirects for 'redirects'). No ids means "any of this
 * kind", e.g. settings, or an import run that touched too many to list.
 */
export interface Change {
  kind: ChangeKind;
  ids?: number[];
  /**
   * For 'post': the story lists the posts left, joined or moved in (a
   * publication, a change of section, tags or date), so that pages listing
   * "the newest stories of X" are told apart from the rest: 'home' (every
   * story), 'category:ID', 'tag:ID', 'author:ID'. Empty: no list changed
   * (an edit to a story's text). Absent: any list may have (an import, a
   * merge), as for changes recorded before lists were.
   */
  lists?: string[];
}

/** A change as stored: with its place in the outbox's order. */
export interface RecordedChange extends Change {
  id: number;
  createdAt: string;
}

export interface ChangeStore {
  /**
   * Writes the change into the outbox; call it inside the transaction that
   * makes the change. On PostgreSQL it also notifies listeners, which hear of
   * it only when (and if) that transaction commits. Returns the row's id.
   */
  record(change: Change): Promise<number>;
  /** Changes after `afterId`, oldest first, at most `limit`. */
  listSince(input: { afterId: number; limit: number }): Promise<RecordedChange[]>;
  /** The changes with these ids that exist, oldest first (a listener told of ids reads exactly those). */
  findByIds(ids: readonly number[]): Promise<RecordedChange[]>;
  /** The newest change's id, or 0: where a listener that starts now begins. */
  latestId(): Promise<number>;
  /** Deletes changes recorded before `olderThan` (ISO time); returns how many. */
  prune(olderThan: string): Promise<number>;
}

/** The lists a change names, as Change.lists spells them. */
export const changeLists = {
  home: 'home',
  category: (id: number) => `category:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
} as const;
