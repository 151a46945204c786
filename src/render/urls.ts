/** WordPress's URL shapes, so a site that moves over keeps its links. */
export const urls = {
  home: () => '/',
  post: (slug: string) => `/${slug}/`,
  category: (slug: string) => `/category/${slug}/`,
  tag: (slug: string) => `/tag/${slug}/`,
  author: (slug: string) => `/author/${slug}/`,
  feed: () => '/feed/',
  search: (text: string) => `/?s=${encodeURIComponent(text)}`,
};

/** `/tag/x/` + page 3 → `/tag/x/page/3/`; page 1 is the archive itself. */
export function pageUrl(base: string, page: number): string {
  return page <= 1 ? base : `${base}page/${page}/`;
}
