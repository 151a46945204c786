import { sql, type SelectQueryBuilder } from 'kysely';
import type { WpJsonStore, WpPostQuery, WpPostRow } from '../../content/store-wp-json.js';
import type { PageDetails, PostKind, Teaser } from '../../content/types.js';
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

function filtered(dialect: SqlDialect, query: WpPostQuery): PostsFrom {
  let qb = publicPosts(dialect, query);
  const term = query.search === undefined ? undefined : dialect.searchTerm(query.search);
  // Words the engine cannot search for (only punctuation) match nothing, as a search with no hits.
  if (query.search !== undefined) qb = term === undefined ? qb.where(sql<boolean>`1 = 0`) : qb.where(dialect.searchMatches(term));
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

const POST_COLUMNS = ['p.id', 'p.card', 'p.page', 'p.body_html', 'p.featured_media_id'] as const;

function toPostRow(row: { id: number; card: unknown; page: unknown; body_html: string; featured_media_id: number | null }): WpPostRow {
  return {
    teaser: { id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card) },
    details: fromJson<PageDetails>(row.page),
    bodyHtml: row.body_html,
    featuredMediaId: row.featured_media_id,
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
    async listPosts(query) {
      const rows = await postsPage(dialect, query).execute();
      return { total: await countOf(filtered(dialect, query)), items: rows.map(toPostRow) };
    },

    async findPost({ kind, id, now }) {
      const row = await publicPosts(dialect, { kinds: [kind], now }).where('p.id', '=', id).select(POST_COLUMNS).executeTakeFirst();
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
            .where('p.published_at', '<=', input.now),
        ),
      );
      if (input.includeIds) base = base.where('x.id', 'in', input.includeIds);
      const rows = await base.selectAll('x').orderBy('x.created_at', 'desc').orderBy('x.id', 'desc').offset(input.offset).limit(input.limit).execute();
      return { total: await countOf(base), items: rows.map(toMedia) };
    },
  };
}
