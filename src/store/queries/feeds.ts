import { sql } from 'kysely';
import type { FeedStore } from '../../content/store-feeds.js';
import type { PageDetails, Teaser } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson } from '../rows.js';
import { scoped, scopeParams, scopeWith } from './posts.js';

interface FeedRow {
  id: number;
  card: unknown;
  page: unknown;
  body_html: string | null;
}

export function feedQueries(dialect: SqlDialect): FeedStore {
  return {
    async latest({ scope, now, limit, isFullText }) {
      const params = { ...scopeParams(scope), now };
      const shape = `feed:${scope.kind}:${isFullText ? 'full' : 'summary'}:${limit}`;
      const rows = await dialect.prepared.run<FeedRow>(dialect, shape, params, (p) => {
        const columns = scoped(dialect, { scope: scopeWith(scope, p.scopeId), now: p.now }).select(['p.id', 'p.card', 'p.page']).limit(sql.lit(limit));
        // A protected post's story is for those who give its password: its entry carries the summary only.
        return isFullText
          ? columns.select(sql<string | null>`CASE WHEN p.password IS NULL THEN p.body_html END`.as('body_html'))
          : columns.select(sql<string | null>`NULL`.as('body_html'));
      });
      return rows.map((row) => ({
        teaser: { id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card) },
        details: fromJson<PageDetails>(row.page),
        bodyHtml: row.body_html,
      }));
    },
  };
}
