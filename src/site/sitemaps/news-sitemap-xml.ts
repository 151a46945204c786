import type { NewsSitemapEntry } from '../../content/store-sitemaps.js';
import type { RenderSite } from '../../render/render-site.js';
import { urls } from '../../render/urls.js';
import { locOf, urlsetXml, w3cDateTime, xmlText } from './sitemap-xml.js';

/**
 * The site's language as Google News names it: the ISO 639 code alone
 * ("en-GB" → "en"), except Chinese, which it wants as "zh-cn" (simplified)
 * or "zh-tw" (traditional).
 */
export function newsLanguage(bcp47: string): string {
  const [language, ...rest] = bcp47.trim().toLowerCase().split(/[-_]/);
  if (!language) return 'en';
  if (language !== 'zh') return language;
  const isTraditional = rest.some((subtag) => subtag === 'hant' || subtag === 'tw' || subtag === 'hk' || subtag === 'mo');
  return isTraditional ? 'zh-tw' : 'zh-cn';
}

export function newsSitemapXml(site: RenderSite, entries: readonly NewsSitemapEntry[]): string {
  const publication =
    `<news:publication><news:name>${xmlText(site.settings.title)}</news:name>` +
    `<news:language>${xmlText(newsLanguage(site.settings.language))}</news:language></news:publication>`;
  return urlsetXml(
    entries.map((entry) => ({
      loc: locOf(site.absolute, urls.post(entry.slug)),
      extensions:
        `<news:news>${publication}<news:publication_date>${w3cDateTime(entry.publishedAt)}</news:publication_date>` +
        `<news:title>${xmlText(entry.title)}</news:title></news:news>`,
    })),
    ['news'],
  );
}
