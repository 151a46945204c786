import type { SelectQueryBuilder } from 'kysely';
import type { PostKind, PostRefs, Teaser } from '../../content/types.js';
import type { Database, PostsTable } from '../schema.js';
import { fromJson } from '../rows.js';

type WithPosts = Database & { p: PostsTable };

/**
 * The columns a teaser needs. Section, authors and picture come from the
 * post's stored refs, so a list of 20 stories reads 20 rows and joins nothing.
 */
export const TEASER_COLUMNS = ['p.id', 'p.kind', 'p.slug', 'p.title', 'p.excerpt', 'p.published_at', 'p.updated_at', 'p.refs'] as const;

export interface TeaserRow {
  id: number;
  kind: string;
  slug: string;
  title: string;
  excerpt: string;
  published_at: string | null;
  updated_at: string;
  refs: unknown;
}

export function toTeaser(row: TeaserRow): Teaser {
  const refs = fromJson<PostRefs>(row.refs);
  return {
    id: row.id,
    kind: row.kind as PostKind,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    publishedAt: row.published_at!,
    updatedAt: row.updated_at,
    category: refs.category,
    authors: refs.authors,
    image: refs.featuredMedia,
  };
}

/** Public articles only: published, and not dated in the future. */
export function whereVisible<QB extends SelectQueryBuilder<WithPosts, 'p', object>>(qb: QB, now: string): QB {
  return qb.where('p.status', '=', 'published').where('p.published_at', '<=', now) as QB;
}
