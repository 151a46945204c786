import { sql, type SelectQueryBuilder } from 'kysely';
import type { WpJsonStore, WpPostQuery, WpPostRow, WpReach } from '../../content/store-wp-json.js';
import type { PageDetails, PostKind, PostStatus, Teaser } from '../../content/types.js';
import { wpJsonCommentQueries } from './wp-json-comments.js';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { fromJson, toCategory, toMedia, toTag, toUser } from '../rows.js';

type PostsFrom = SelectQueryBuilder<Database & { p: Database['posts'] }, 'p', object>;

const ORDER_COLUMNS = { date: 'p.published_at', id: 'p.id', title: 'p.title', slug: 'p.slug', modified: 'p.updated_at' } as const;

/** Public posts of the kinds: published and not dated in the future. The (kind, status, published_at, id) index serves the default order. */
function publicPosts(dialect: SqlDialect, input: { kinds: PostKind[]; now: string }): PostsFrom {
  return dialect.db
    .selectFrom('posts as p')
    .where('p.kind', 'in', input.kinds)
    .where('p.status', '=', 'published')
    .where('p.published_at', '<=', input.now);
}

/**
 * Posts a request may read: public ones, and for signed-in staff who ask for
 * them, posts of other statuses (only their own, for contributors and authors).
 */
function reachablePosts(dialect: SqlDialect, input: { kinds: PostKind[]; now: string; reach?: WpReach }): PostsFrom {
  const { reach } = input;
  if (!reach || (reach.statuses.length === 1 && reach.statuses[0] === 'published')) return publicPosts(dialect, input);
  const others = reach.statuses.filter((status) => status !== 'published');
  const { ownerId } = reach;
  return dialect.db
    .selectFrom('posts as p')
    .where('p.kind', 'in', input.kinds)
    .where((eb) => {
      const branches = [
        ...(reach.statuses.includes('published') ? [eb.and([eb('p.status', '=', 'published'), eb('p.published_at', '<=', input.now)])] : []),
        ...(others.length > 0
          ? [
              eb.and([
                eb('p.status', 'in', others),
                ...(ownerId === undefined
                  ? []
                  : [eb.exists(eb.selectFrom('post_authors as o').select('o.post_id').whereRef('o.post_id', '=', 'p.id').where('o.user_id', '=', ownerId))]),
              ]),
            ]
          : []),
      ];
      // Nothing to list (WordPress's `private`, which no post here has): no rows.
      return branches.length > 0 ? eb.or(branches) : sql<boolean>`1 = 0`;
    });
}

function filtered(dialect: SqlDialect, query: WpPostQuery): PostsFrom {
  let qb = reachablePosts(dialect, query);
  const term = query.search === undefined ? undefined : dialect.searchTerm(query.search);
  // Words the engine cannot search for (only punctuation) match nothing, as a search with no hits.
  if (query.search !== undefined) qb = term === undefined ? qb.where(sql<boolean>`1 = 0`) : qb.where(dialect.searchMatches(term));
  // A protected post is left out of searches, as WordPress leaves it out for visitors not signed in: its words are behind the password.
  if (query.search !== undefined) qb = qb.where('p.password', 'is', null);
  if (query.isSticky !== undefined) qb = qb.where(query.isSticky ? dialect.isSet('p.is_sticky') : sql<boolean>`NOT (${dialect.isSet('p.is_sticky')})`);
  if (query.slugs) qb = qb.where('p.slug', 'in', query.slugs);
  if (query.includeIds) qb = qb.where('p.id', 'in', query.includeIds);
  if (query.categoryIds) qb = qb.where('p.category_id', 'in', query.categoryIds);
  if (query.publishedAfter) qb = qb.where('p.published_at', '>', query.publishedAfter);
  if (query.publishedBefore) qb = qb.where('p.published_at', '<', query.publishedBefore);
  const { tagIds, authorIds } = query;
  if (tagIds) qb = qb.where((eb) => eb.exists(eb.selectFrom('post_tags as l').select('l.post_id').whereRef('l.post_id', '=', 'p.id').where('l.tag_id', 'in', tagIds)));
  if (authorIds) qb = qb.where((eb) => eb.exists(eb.selectFrom('post_authors as l').select('l.post_id').whereRef('l.post_id', '=', 'p.id').where('l.user_id', 'in', authorIds)));
  return qb;
}

const POST_COLUMNS = [
  'p.id',
  'p.card',
  'p.page',
  'p.body_html',
  'p.featured_media_id',
  'p.status',
  'p.published_at',
  'p.is_sticky',
  'p.password',
  'p.excerpt',
] as const;

function toPostRow(row: {
  id: number;
  card: unknown;
  page: unknown;
  body_html: string;
  featured_media_id: number | null;
  status: string;
  published_at: string | null;
  is_sticky: number | boolean;
  password: string | null;
  excerpt: string;
}): WpPostRow {
  return {
    teaser: { id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card) },
    details: fromJson<PageDetails>(row.page),
    bodyHtml: row.body_html,
    featuredMediaId: row.featured_media_id,
    status: row.status as PostStatus,
    publishedAt: row.published_at,
    isSticky: Boolean(row.is_sticky),
    password: row.password,
    excerpt: row.excerpt,
  };
}

/** A page of public posts; exposed so tests can read its plan. */
export function postsPage(dialect: SqlDialect, query: WpPostQuery) {
  const direction = query.isAscending ? 'asc' : 'desc';
  return filtered(dialect, query)
    .select(POST_COLUMNS)
    .orderBy(ORDER_COLUMNS[query.orderBy], direction)
    .orderBy('p.id', direction)
    .offset(query.offset)
    .limit(query.limit);
}

/** A search on names: a case-insensitive substring, with LIKE's wildcards taken literally. */
function nameContains(text: string) {
  // `!` rather than a backslash: the two engines read backslashes in literals differently.
  const pattern = `%${text.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
  return sql<boolean>`lower(x.name) LIKE ${pattern} ESCAPE '!'`;
}

export function wpJsonQueries(dialect: SqlDialect): WpJsonStore {
  const { db } = dialect;
  const countOf = async (qb: { select: unknown }) => {
    const row = await (qb as PostsFrom).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  };

  /** Public articles per category (or tag), for the page of terms in hand: one grouped query. */
  async function articleCounts(input: { taxonomy: 'category' | 'tag'; ids: number[]; now: string }): Promise<Map<number, number>> {
    if (input.ids.length === 0) return new Map();
    const rows =
      input.taxonomy === 'category'
        ? await publicPosts(dialect, { kinds: ['article'], now: input.now })
            .where('p.category_id', 'in', input.ids)
            .select((eb) => [eb.ref('p.category_id').as('term_id'), eb.fn.countAll<number | string>().as('n')])
            .groupBy('p.category_id')
            .execute()
        : await db
            .selectFrom('post_tags as l')
            .innerJoin('posts as p', 'p.id', 'l.post_id')
            .where('l.tag_id', 'in', input.ids)
            .where('l.published_at', '<=', input.now)
            .where('p.kind', '=', 'article')
            .select((eb) => [eb.ref('l.tag_id').as('term_id'), eb.fn.countAll<number | string>().as('n')])
            .groupBy('l.tag_id')
            .execute();
    return new Map(rows.map((row) => [Number(row.term_id), Number(row.n)]));
  }

  return {
    ...wpJsonCommentQueries(dialect),

    async listPosts(query) {
      const rows = await postsPage(dialect, query).execute();
      return { total: await countOf(filtered(dialect, query)), items: rows.map(toPostRow) };
    },

    async findPost({ kind, id, now, reach }) {
      const row = await reachablePosts(dialect, { kinds: [kind], now, reach }).where('p.id', '=', id).select(POST_COLUMNS).executeTakeFirst();
      return row ? toPostRow(row) : undefined;
    },

    async listCategories(query) {
      let base = db.selectFrom('categories as x');
      if (query.slugs) base = base.where('x.slug', 'in', query.slugs);
      if (query.includeIds) base = base.where('x.id', 'in', query.includeIds);
      if (query.search) base = base.where(nameContains(query.search));
      if (query.isHidingEmpty) {
        base = base.where((eb) =>
          eb.exists(
            eb
              .selectFrom('posts as p')
              .select('p.id')
              .whereRef('p.category_id', '=', 'x.id')
              .where('p.kind', '=', 'article')
              .where('p.status', '=', 'published')
              .where('p.published_at', '<=', query.now),
          ),
        );
      }
      const rows = await base.selectAll('x').orderBy('x.name').orderBy('x.id').offset(query.offset).limit(query.limit).execute();
      const counts = await articleCounts({ taxonomy: 'category', ids: rows.map((row) => row.id), now: query.now });
      return { total: await countOf(base), items: rows.map((row) => ({ ...toCategory(row), count: counts.get(row.id) ?? 0 })) };
    },

    async listTags(query) {
      let base = db.selectFrom('tags as x');
      if (query.slugs) base = base.where('x.slug', 'in', query.slugs);
      if (query.includeIds) base = base.where('x.id', 'in', query.includeIds);
      if (query.search) base = base.where(nameContains(query.search));
      if (query.isHidingEmpty) {
        base = base.where((eb) =>
          eb.exists(
            eb
              .selectFrom('post_tags as l')
              .innerJoin('posts as p', 'p.id', 'l.post_id')
              .select('l.post_id')
              .whereRef('l.tag_id', '=', 'x.id')
              .where('l.published_at', '<=', query.now)
              .where('p.kind', '=', 'article'),
          ),
        );
      }
      const rows = await base.selectAll('x').orderBy('x.name').orderBy('x.id').offset(query.offset).limit(query.limit).execute();
      const counts = await articleCounts({ taxonomy: 'tag', ids: rows.map((row) => row.id), now: query.now });
      return { total: await countOf(base), items: rows.map((row) => ({ ...toTag(row), count: counts.get(row.id) ?? 0 })) };
    },

    async categoriesByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('categories').selectAll().where('id', 'in', ids).execute();
      return rows.map(toCategory);
    },

    async listAuthors(input) {
      let base = db
        .selectFrom('users as x')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('post_authors as l')
              .select('l.post_id')
              .whereRef('l.user_id', '=', 'x.id')
              .where('l.published_at', '<=', input.now),
          ),
        );
      if (input.slugs) base = base.where('x.slug', 'in', input.slugs);
      if (input.includeIds) base = base.where('x.id', 'in', input.includeIds);
      if (input.search) base = base.where(nameContains(input.search));
      const rows = await base.selectAll('x').orderBy('x.name').orderBy('x.id').offset(input.offset).limit(input.limit).execute();
      return { total: await countOf(base), items: rows.map(toUser) };
    },

    async listMedia(input) {
      // Only pictures a public post shows: an upload for a story still in draft must not leak.
      let base = db.selectFrom('media as x').where((eb) =>
        eb.exists(
          eb
            .selectFrom('post_media as pm')
            .innerJoin('posts as p', 'p.id', 'pm.post_id')
            .select('pm.post_id')
            .whereRef('pm.media_id', '=', 'x.id')
            .where('p.status', '=', 'published')
            .where('p.published_at', '<=', input.now)
            // A protected post's pictures are part of what its password guards.
            .where('p.password', 'is', null),
        ),
      );
      if (input.includeIds) base = base.where('x.id', 'in', input.includeIds);
      const rows = await base.selectAll('x').orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').offset(input.offset).limit(input.limit).execute();
      return { total: await countOf(base), items: rows.map(toMedia) };
    },
  };
}
