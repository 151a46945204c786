import { escapeHtml } from '../../lib/html.js';
import type { SitemapEntry } from '../../content/store.js';
import type { SiteContext } from '../site-context.js';
import { urls } from '../../render/urls.js';

/** The sitemaps.org protocol allows 50,000 URLs in one file. */
export const SITEMAP_LIMIT = 50_000;

export function sitemapXml(site: SiteContext, entries: SitemapEntry[]): string {
  const home = `<url><loc>${escapeHtml(site.siteUrl)}/</loc>${entries[0] ? `<lastmod>${entries[0].updatedAt}</lastmod>` : ''}</url>`;
  const rows = entries
    .map((e) => `<url><loc>${escapeHtml(site.absolute(urls.post(e.slug)))}</loc><lastmod>${e.updatedAt}</lastmod></url>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${home}${rows}</urlset>`;
}

export function robotsTxt(site: SiteContext): string {
  return `User-agent: *\nDisallow: /admin/\nDisallow: /api/\nDisallow: /?s=\n\nSitemap: ${site.siteUrl}/sitemap.xml\n`;
}
