/** The store's reads for sitemaps (site/sitemaps/); implemented in store/queries/sitemaps.ts. */
export interface SitemapStore {}
