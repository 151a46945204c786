import type { SelectQueryBuilder } from 'kysely';
import type { Teaser } from '../../content/types.js';
import type { Database, PostsTable } from '../schema.js';
import { fromJson } from '../rows.js';

type WithPosts = Database & { p: PostsTable };

/**
 * A teaser is the post's stored card: two columns per story, no joins.
 * (Reading a column costs about as much as finding the row, so fewer is faster.)
 */
export const TEASER_COLUMNS = ['p.id', 'p.card'] as const;

export interface TeaserRow {
  id: number;
  card: unknown;
}

export function toTeaser(row: TeaserRow): Teaser {
  return { id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card) };
}

/** Public articles only: published, and not dated in the future. */
export function whereVisible<QB extends SelectQueryBuilder<WithPosts, 'p', object>>(qb: QB, now: string): QB {
  return qb.where('p.status', '=', 'published').where('p.published_at', '<=', now) as QB;
}
