/** Where the sitemaps live; robots.txt and the index name them. */
export const sitemapUrls = {
  index: '/sitemap.xml',
  news: '/news-sitemap.xml',
  /** Articles, oldest first, in numbered files from 1. */
  posts: (number: number) => `/sitemap-posts-${number}.xml`,
  /** The home page and the static pages. */
  pages: '/sitemap-pages.xml',
  categories: '/sitemap-categories.xml',
  tags: '/sitemap-tags.xml',
  authors: '/sitemap-authors.xml',
};
