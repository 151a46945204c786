import { escapeHtml } from '../../lib/html.js';
import type { Teaser } from '../../content/types.js';
import { largestImageUrl } from '../../render/media-urls.js';
import type { SiteContext } from '../site-context.js';
import { feedUrl, urls } from '../../render/urls.js';

/** RSS 2.0 for the latest stories. (Atom, JSON Feed and per-archive feeds come with the distribution work.) */
export function rssFeed(site: SiteContext, items: Teaser[]): string {
  const x = escapeHtml;
  const updated = items[0]?.updatedAt ?? new Date(0).toISOString();
  const entries = items
    .map((item) => {
      const link = site.absolute(urls.post(item.slug));
      const image = item.image
        ? `<media:content url="${x(site.absolute(largestImageUrl(item.image)))}" medium="image"${item.image.alt ? `><media:description>${x(item.image.alt)}</media:description></media:content>` : '/>'}`
        : '';
      return `<item><title>${x(item.title)}</title><link>${x(link)}</link><guid isPermaLink="true">${x(link)}</guid><pubDate>${new Date(
        item.publishedAt,
      ).toUTCString()}</pubDate>${item.authors.map((a) => `<dc:creator>${x(a.name)}</dc:creator>`).join('')}${
        item.category ? `<category>${x(item.category.name)}</category>` : ''
      }<description>${x(item.excerpt)}</description>${image}</item>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>${x(
    site.settings.title,
  )}</title><link>${x(site.siteUrl)}/</link><description>${x(site.settings.tagline)}</description><language>${x(
    site.settings.language,
  )}</language><lastBuildDate>${new Date(updated).toUTCString()}</lastBuildDate><atom:link href="${x(
    site.absolute(feedUrl('/', 'rss')),
  )}" rel="self" type="application/rss+xml"/>${entries}</channel></rss>`;
}
