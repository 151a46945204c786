import type { ListScope } from './store.js';
import type { PageDetails, Teaser } from './types.js';

/** A story as a feed carries it: what lists and its page show of it, and its body when the feed carries the whole text. */
export interface FeedStory {
  teaser: Teaser;
  details: PageDetails;
  /** The rendered body, with site-relative URLs; null when only summaries were asked for, and for a password-protected post. */
  bodyHtml: string | null;
}

/** The store's reads for feeds (site/feeds/); implemented in store/queries/feeds.ts. */
export interface FeedStore {
  /**
   * The newest public articles of a scope, newest first, in one query. The
   * body, by far the largest column, is read only when `isFullText`.
   */
  latest(query: { scope: ListScope; now: string; limit: number; isFullText: boolean }): Promise<FeedStory[]>;
}
