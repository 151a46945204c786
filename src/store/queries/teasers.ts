import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Media, PostKind, Teaser } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import type { Database, MediaTable, PostsTable } from '../schema.js';
import { fromJson, toMedia } from '../rows.js';
import type { Selectable } from 'kysely';

type WithPosts = Database & { p: PostsTable };

/**
 * The columns a teaser needs, with its category, authors and image folded in
 * as JSON sub-selects, so a list of 20 stories is one query, not 61.
 */
/** A post's section as a JSON object {id, slug, name}, or null. */
export function categoryRef(dialect: SqlDialect, eb: ExpressionBuilder<WithPosts, 'p'>) {
  return dialect.jsonObjectFrom(eb.selectFrom('categories as c').select(['c.id', 'c.slug', 'c.name']).whereRef('c.id', '=', 'p.category_id'));
}

/** A post's authors in byline order, as a JSON array of {id, slug, name}. */
export function authorRefs(dialect: SqlDialect, eb: ExpressionBuilder<WithPosts, 'p'>) {
  return dialect.jsonArrayFrom(
    eb
      .selectFrom('post_authors as pa')
      .innerJoin('users as u', 'u.id', 'pa.user_id')
      .select(['u.id', 'u.slug', 'u.name'])
      .whereRef('pa.post_id', '=', 'p.id')
      .orderBy('pa.position'),
  );
}

/** A post's featured picture as a JSON object with every media column, or null. */
export function featuredMedia(dialect: SqlDialect, eb: ExpressionBuilder<WithPosts, 'p'>) {
  return dialect.jsonObjectFrom(eb.selectFrom('media as m').select(MEDIA_COLUMNS).whereRef('m.id', '=', 'p.featured_media_id'));
}

/**
 * The columns a teaser needs, with its category, authors and image folded in
 * as JSON sub-selects, so a list of 20 stories is one query, not 61.
 */
export function teaserColumns(dialect: SqlDialect) {
  return (eb: ExpressionBuilder<WithPosts, 'p'>) => [
    'p.id' as const,
    'p.kind' as const,
    'p.slug' as const,
    'p.title' as const,
    'p.excerpt' as const,
    'p.published_at' as const,
    'p.updated_at' as const,
    categoryRef(dialect, eb).as('category'),
    authorRefs(dialect, eb).as('authors'),
    featuredMedia(dialect, eb).as('image'),
  ];
}

/** Named, not `*`: SQLite's json_object() needs every column spelled out. */
export const MEDIA_COLUMNS = [
  'm.id',
  'm.path',
  'm.mime_type',
  'm.width',
  'm.height',
  'm.alt',
  'm.caption',
  'm.credit',
  'm.agency',
  'm.licence',
  'm.variants',
  'm.created_at',
] as const;

export interface TeaserRow {
  id: number;
  kind: string;
  slug: string;
  title: string;
  excerpt: string;
  published_at: string | null;
  updated_at: string;
  category: unknown;
  authors: unknown;
  image: unknown;
}

export function toTeaser(row: TeaserRow): Teaser {
  const image = fromJson<Selectable<MediaTable> | null>(row.image);
  return {
    id: row.id,
    kind: row.kind as PostKind,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    publishedAt: normaliseTime(row.published_at!),
    updatedAt: normaliseTime(row.updated_at),
    category: fromJson(row.category),
    authors: fromJson(row.authors) ?? [],
    image: image ? toMediaFromJson(image) : null,
  };
}

/** Inside JSON, PostgreSQL writes times in its own format; bring them back to ISO. */
function normaliseTime(value: string): string {
  return value.endsWith('Z') ? value : new Date(value).toISOString();
}

function toMediaFromJson(row: Selectable<MediaTable>): Media {
  const media = toMedia(row);
  media.createdAt = normaliseTime(media.createdAt);
  return media;
}

/** Public articles only: published, and not dated in the future. */
export function whereVisible<QB extends SelectQueryBuilder<WithPosts, 'p', object>>(qb: QB, now: string): QB {
  return qb.where('p.status', '=', 'published').where('p.published_at', '<=', now) as QB;
}

export { toMediaFromJson };
