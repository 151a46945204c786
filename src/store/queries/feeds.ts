import type { FeedStore } from '../../content/store-feeds.js';
import type { SqlDialect } from '../dialect.js';

export function feedQueries(_dialect: SqlDialect): FeedStore {
  return {};
}
