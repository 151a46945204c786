import { escapeHtml } from '../../lib/html.js';

/** The sitemaps.org protocol's limit on URLs in one sitemap file and on files in one index. */
export const SITEMAP_URL_LIMIT = 50_000;

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** Extension namespaces a urlset may declare, by prefix. */
export const SITEMAP_EXTENSIONS = {
  image: 'http://www.google.com/schemas/sitemap-image/1.1',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
} as const;

// Characters XML 1.0 cannot carry at all, even escaped; an imported caption
// with one of them would make the whole file unreadable.
const NOT_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text for an XML element: escaped, with characters XML cannot hold dropped. */
export function xmlText(text: string): string {
  return escapeHtml(text.replace(NOT_XML, ''));
}

/** ISO-8601 UTC to the W3C Datetime form sitemaps use, to the second: 2026-11-20T12:00:00Z. */
export function w3cDateTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * An absolute address for a `<loc>`. The protocol wants URLs percent-encoded;
 * slugs may hold letters of any script but never `%`, so encoding cannot
 * double-encode.
 */
export function locOf(absolute: (path: string) => string, path: string): string {
  return absolute(encodeURI(path));
}

export interface UrlEntry {
  loc: string;
  lastmod?: string | null;
  /** Extension elements, already XML (see image-xml.ts, news-sitemap-xml.ts). */
  extensions?: string;
}

function lastmodXml(lastmod: string | null | undefined): string {
  return lastmod ? `<lastmod>${w3cDateTime(lastmod)}</lastmod>` : '';
}

export function urlsetXml(entries: readonly UrlEntry[], extensions: ReadonlyArray<keyof typeof SITEMAP_EXTENSIONS> = []): string {
  const namespaces = extensions.map((prefix) => ` xmlns:${prefix}="${SITEMAP_EXTENSIONS[prefix]}"`).join('');
  const parts = [`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="${SITEMAP_NS}"${namespaces}>\n`];
  for (const entry of entries) {
    parts.push(`<url><loc>${xmlText(entry.loc)}</loc>${lastmodXml(entry.lastmod)}${entry.extensions ?? ''}</url>\n`);
  }
  parts.push('</urlset>\n');
  return parts.join('');
}

export function sitemapIndexXml(entries: readonly UrlEntry[]): string {
  const rows = entries.map((entry) => `<sitemap><loc>${xmlText(entry.loc)}</loc>${lastmodXml(entry.lastmod)}</sitemap>\n`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="${SITEMAP_NS}">\n${rows.join('')}</sitemapindex>\n`;
}
