import type { FeedDocument, FeedEntry } from './feed-document.js';
import { xmlText as x } from './xml.js';
import { zonedTime, type ZonedTime } from '../../lib/zoned-time.js';

/**
 * Atom 1.0 has no "never updated": a feed with no stories yet says the
 * beginning of the epoch rather than the time of the request, so its bytes,
 * and so its ETag, stay the same until a story arrives.
 */
const NEVER = new Date(0).toISOString();

/** Atom 1.0 (RFC 4287); the HTML content is escaped text (`type="html"`). */
export function atomFeed(feed: FeedDocument): string {
  const time = zonedTime(feed.timezone);
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${x(feed.language)}"><id>${x(feed.selfUrl.atom)}</id><title type="text">${x(
    feed.title,
  )}</title><subtitle type="text">${x(feed.description)}</subtitle><updated>${time.rfc3339(feed.updatedAt ?? NEVER)}</updated><link rel="alternate" type="text/html" href="${x(
    feed.pageUrl,
  )}"/><link rel="self" type="application/atom+xml" href="${x(feed.selfUrl.atom)}"/><generator>Masthead</generator>${
    feed.logoUrl ? `<logo>${x(feed.logoUrl)}</logo>` : ''
  }${feed.entries.map((entry) => atomEntry(entry, time, feed.publisher)).join('')}</feed>`;
}

function atomEntry(entry: FeedEntry, time: ZonedTime, publisher: string): string {
  // Atom requires an author on every entry; a story without a byline is the publication's.
  const authors = entry.authors.length > 0 ? entry.authors : [{ name: publisher, url: null }];
  return `<entry><id>${x(entry.url)}</id><title type="text">${x(entry.title)}</title><link rel="alternate" type="text/html" href="${x(
    entry.url,
  )}"/><published>${time.rfc3339(entry.publishedAt)}</published><updated>${time.rfc3339(entry.updatedAt)}</updated>${authors
    .map((author) => `<author><name>${x(author.name)}</name>${author.url ? `<uri>${x(author.url)}</uri>` : ''}</author>`)
    .join('')}${entry.categories
    .map((category) => `<category term="${x(category.term)}" label="${x(category.label)}" scheme="${x(category.scheme)}"/>`)
    .join('')}<summary type="text">${x(entry.summary)}</summary>${
    entry.contentHtml === null ? '' : `<content type="html">${x(entry.contentHtml)}</content>`
  }</entry>`;
}
