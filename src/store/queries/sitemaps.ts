import type { SitemapStore } from '../../content/store-sitemaps.js';
import type { SqlDialect } from '../dialect.js';

export function sitemapQueries(_dialect: SqlDialect): SitemapStore {
  return {};
}
