import type { FeedFormat } from '../../render/urls.js';
import { atomFeed } from './atom.js';
import type { FeedDocument } from './feed-document.js';
import { jsonFeed } from './json-feed.js';
import { rssFeed } from './rss.js';

export { feedDocument } from './feed-document.js';

/** Each format's writer, loaded together by feeds/routes.ts on the first feed request. */
export const FEED_WRITERS: Record<FeedFormat, (feed: FeedDocument) => string> = { rss: rssFeed, atom: atomFeed, json: jsonFeed };
