/** WordPress's URL shapes, so a site that moves over keeps its links. */
export const urls = {
  home: () => '/',
  post: (slug: string) => `/${slug}/`,
  category: (slug: string) => `/category/${slug}/`,
  tag: (slug: string) => `/tag/${slug}/`,
  author: (slug: string) => `/author/${slug}/`,
  /** The mobile (AMP) version of an article, as the WordPress AMP plugin addresses it. */
  amp: (slug: string) => `/${slug}/amp/`,
  search: (text: string) => `/?s=${encodeURIComponent(text)}`,
};

/** `/tag/x/` + page 3 → `/tag/x/page/3/`; page 1 is the archive itself. */
export function pageUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * A listing's feeds, WordPress-style: `/feed/`, `/feed/atom/` and (not in
 * WordPress) `/feed.json` for the whole site; `/category/x/feed/` and so on
 * for an archive whose base is `/category/x/`.
 */
export function feedUrl(base: string, format: FeedFormat): string {
  if (format === 'rss') return `${base}feed/`;
  if (format === 'atom') return `${base}feed/atom/`;
  return `${base}feed.json`;
}
