import { sitemapUrls } from './sitemap-urls.js';

/** Keeps crawlers out of the newsroom, the API and search results, and names both sitemaps. */
export function robotsTxt(absolute: (path: string) => string): string {
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/',
    'Disallow: /?s=',
    '',
    `Sitemap: ${absolute(sitemapUrls.index)}`,
    `Sitemap: ${absolute(sitemapUrls.news)}`,
    '',
  ].join('\n');
}
