/**
 * What the bench measures, by name: the pages, the report's rows, and which
 * nginx row each Masthead row is held against. Rows are found by these names
 * in the report, the floors and the results file.
 */

export const ARTICLE_PATH = '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/';

export interface Page {
  label: string;
  path: string;
}

export const ARTICLE: Page = { label: 'article', path: ARTICLE_PATH };
export const TAG_PATH = '/tag/kanye-west/';
export const FEED_PATH = '/feed/';

/** Served from the response cache, each against nginx serving its identity bytes with the same Content-Type. */
export const CACHED_PAGES: readonly Page[] = [
  ARTICLE,
  { label: 'home', path: '/' },
  { label: 'tag', path: TAG_PATH },
  { label: 'AMP article', path: `${ARTICLE_PATH}amp/` },
  { label: 'RSS feed', path: FEED_PATH },
];

/** The feed asked for with its ETag in If-None-Match: each side answers 304 for its own. */
export const FEED_304 = 'RSS feed 304';
/** The article asked for with Accept-Encoding: gzip; nginx sends Masthead's gzip bytes with gzip_static. */
export const ARTICLE_GZIP = 'article gzip';

export const nginxRow = (label: string): string => `nginx ${label}`;
export const cachedRow = (label: string): string => `Masthead ${label}, cached`;

export const NGINX_ARTICLE = nginxRow(ARTICLE.label);
/** Every request rendered: the server runs with CACHE_MAX_MB=0. */
export const COLD_ARTICLE = 'Masthead article, cold (no cache)';
export const PG_COLD_ARTICLE = 'Masthead article on PostgreSQL, cold (no cache)';
export const PG_COLD_HOME = 'Masthead home on PostgreSQL, cold (no cache)';
export const PG_COLD_TAG = 'Masthead tag on PostgreSQL, cold (no cache)';
export const PG_CACHED_ARTICLE = 'Masthead article on PostgreSQL, cached';

export interface ShareFloor {
  row: string;
  baseline: string;
  /** The least share of the baseline's requests/s the row must reach, in percent. */
  minPct: number;
}

/** The response cache's issue sets these: one Masthead process against one nginx worker serving the same bytes. */
export const SHARE_FLOORS: readonly ShareFloor[] = [
  ...CACHED_PAGES.map((page) => ({ row: cachedRow(page.label), baseline: nginxRow(page.label), minPct: 80 })),
  { row: cachedRow(FEED_304), baseline: nginxRow(FEED_304), minPct: 80 },
  { row: cachedRow(ARTICLE_GZIP), baseline: nginxRow(ARTICLE_GZIP), minPct: 80 },
  { row: COLD_ARTICLE, baseline: NGINX_ARTICLE, minPct: 25 },
];
