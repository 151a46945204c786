/** The store's reads for feeds (site/feeds/); implemented in store/queries/feeds.ts. */
export interface FeedStore {}
