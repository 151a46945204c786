import type { FeedDocument, FeedEntry, FeedImage } from './feed-document.js';
import { cdata, xmlText as x } from './xml.js';
import { zonedTime, type ZonedTime } from '../../lib/zoned-time.js';

const NAMESPACES = [
  'xmlns:atom="http://www.w3.org/2005/Atom"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:media="http://search.yahoo.com/mrss/"',
].join(' ');

/** RSS 2.0 with the modules readers expect: content:encoded for the text, dc:creator for bylines, Media RSS for the picture. */
export function rssFeed(feed: FeedDocument): string {
  const time = zonedTime(feed.timezone);
  const image = feed.logoUrl ? `<image><url>${x(feed.logoUrl)}</url><title>${x(feed.title)}</title><link>${x(feed.pageUrl)}</link></image>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ${NAMESPACES}><channel><title>${x(feed.title)}</title><link>${x(feed.pageUrl)}</link><description>${x(
    feed.description,
  )}</description><language>${x(feed.language)}</language>${
    feed.updatedAt ? `<lastBuildDate>${time.rfc822(feed.updatedAt)}</lastBuildDate>` : ''
  }<generator>Masthead</generator><atom:link href="${x(feed.selfUrl.rss)}" rel="self" type="application/rss+xml"/>${image}${feed.entries
    .map((entry) => rssItem(entry, time))
    .join('')}</channel></rss>`;
}

function rssItem(entry: FeedEntry, time: ZonedTime): string {
  return `<item><title>${x(entry.title)}</title><link>${x(entry.url)}</link><guid isPermaLink="true">${x(entry.url)}</guid><pubDate>${time.rfc822(
    entry.publishedAt,
  )}</pubDate>${entry.authors.map((author) => `<dc:creator>${x(author.name)}</dc:creator>`).join('')}${entry.categories
    .map((category) => `<category domain="${x(category.scheme)}">${x(category.label)}</category>`)
    .join('')}<description>${x(entry.summary)}</description>${
    entry.contentHtml === null ? '' : `<content:encoded>${cdata(entry.contentHtml)}</content:encoded>`
  }${entry.image ? mediaContent(entry.image) : ''}</item>`;
}

function mediaContent(image: FeedImage): string {
  return `<media:content url="${x(image.url)}" medium="image" type="${x(image.mimeType)}" width="${image.width}" height="${image.height}">${
    image.alt ? `<media:title type="plain">${x(image.alt)}</media:title>` : ''
  }${image.caption ? `<media:description type="plain">${x(image.caption)}</media:description>` : ''}${
    image.credit ? `<media:credit>${x(image.credit)}</media:credit>` : ''
  }</media:content>`;
}
