import type { FeedDocument, FeedEntry } from './feed-document.js';
import { zonedTime, type ZonedTime } from '../../lib/zoned-time.js';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). An item must carry
 * `content_html` or `content_text`; with summaries only, the summary is its
 * text as well as its `summary`.
 */
export function jsonFeed(feed: FeedDocument): string {
  const time = zonedTime(feed.timezone);
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    home_page_url: feed.pageUrl,
    feed_url: feed.selfUrl.json,
    description: feed.description,
    language: feed.language,
    items: feed.entries.map((entry) => jsonItem(entry, time)),
  });
}

function jsonItem(entry: FeedEntry, time: ZonedTime) {
  return {
    id: entry.url,
    url: entry.url,
    title: entry.title,
    ...(entry.contentHtml === null ? { content_text: entry.summary } : { content_html: entry.contentHtml }),
    summary: entry.summary,
    ...(entry.image ? { image: entry.image.url } : {}),
    date_published: time.rfc3339(entry.publishedAt),
    date_modified: time.rfc3339(entry.updatedAt),
    authors: entry.authors,
    tags: entry.categories.map((category) => category.label),
  };
}
