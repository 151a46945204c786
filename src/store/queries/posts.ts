import { sql } from 'kysely';
import type { Cursor, ListQuery, NewPost, Store } from '../../content/store.js';
import type { PostView, Teaser } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson, toPost } from '../rows.js';
import type { TagRef, PersonRef, CategoryRef } from '../../content/types.js';
import { authorRefs, categoryRef, featuredMedia, teaserColumns, toMediaFromJson, toTeaser, whereVisible, type TeaserRow } from './teasers.js';

type Posts = Store['posts'];

/**
 * Public posts in a scope, newest first, starting after a cursor. Tag and
 * author archives walk the link table's (owner, published_at, post_id) index;
 * the rest walk the posts indexes. Exposed so tests can read the plans.
 */
function scoped(dialect: SqlDialect, query: Omit<ListQuery, 'limit'>) {
  const { db } = dialect;
  const { scope, now, after } = query;
  if (scope.kind === 'tag' || scope.kind === 'author') {
    const base =
      scope.kind === 'tag'
        ? db.selectFrom('post_tags as l').where('l.tag_id', '=', scope.id)
        : db.selectFrom('post_authors as l').where('l.user_id', '=', scope.id);
    let qb = base
      .innerJoin('posts as p', 'p.id', 'l.post_id')
      .where('l.published_at', 'is not', null)
      .where('l.published_at', '<=', now)
      .where('p.status', '=', 'published');
    if (after) qb = qb.where((eb) => eb(eb.refTuple('l.published_at', 'l.post_id'), '<', eb.tuple(after.publishedAt, after.id)));
    return qb.orderBy('l.published_at', 'desc').orderBy('l.post_id', 'desc');
  }
  let qb = whereVisible(db.selectFrom('posts as p'), now).where('p.kind', '=', 'article');
  if (scope.kind === 'category') qb = qb.where('p.category_id', '=', scope.id);
  if (after) qb = qb.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(after.publishedAt, after.id)));
  return qb.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc');
}

export function listQuery(dialect: SqlDialect, query: ListQuery) {
  return scoped(dialect, query).select(teaserColumns(dialect)).limit(query.limit);
}

/** The key of the n-th newest post in a scope: only for page links that arrive without a cursor. */
export function cursorQuery(dialect: SqlDialect, query: Omit<ListQuery, 'limit' | 'after'> & { skip: number }) {
  return scoped(dialect, query)
    .select(['p.published_at', 'p.id'])
    .offset(query.skip - 1)
    .limit(1);
}

export function bySlugQuery(dialect: SqlDialect, slug: string, now: string) {
  const { db } = dialect;
  return whereVisible(db.selectFrom('posts as p'), now)
    .where('p.slug', '=', slug)
    .selectAll('p')
    .select((eb) => [
      categoryRef(dialect, eb).as('category'),
      authorRefs(dialect, eb).as('authors'),
      dialect
        .jsonArrayFrom(
          eb
            .selectFrom('post_tags as pt')
            .innerJoin('tags as t', 't.id', 'pt.tag_id')
            .select(['t.id', 't.slug', 't.name', 't.kind'])
            .whereRef('pt.post_id', '=', 'p.id')
            .orderBy('pt.position'),
        )
        .as('tags'),
      featuredMedia(dialect, eb).as('featured'),
    ])
    .limit(1);
}

export function postQueries(dialect: SqlDialect): Posts {
  const { db } = dialect;
  const columns = teaserColumns(dialect);
  const linkTime = (post: Pick<NewPost, 'status' | 'publishedAt'>) => (post.status === 'published' ? post.publishedAt : null);

  return {
    async insert(post) {
      const row = await db
        .insertInto('posts')
        .values({
          kind: post.kind,
          status: post.status,
          slug: post.slug,
          title: post.title,
          excerpt: post.excerpt,
          body: JSON.stringify(post.body),
          body_html: post.bodyHtml,
          body_text: post.bodyText,
          featured_media_id: post.featuredMediaId,
          category_id: post.categoryId,
          sources: JSON.stringify(post.sources),
          seo_title: post.seo.title,
          seo_description: post.seo.description,
          canonical_url: post.seo.canonicalUrl,
          is_noindex: post.seo.isNoindex ? 1 : 0,
          published_at: post.publishedAt,
          created_at: post.createdAt,
          updated_at: post.updatedAt,
          revision: 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const publishedAt = linkTime(post);
      if (post.authorIds.length > 0) {
        await db
          .insertInto('post_authors')
          .values(post.authorIds.map((user_id, position) => ({ post_id: row.id, user_id, position, published_at: publishedAt })))
          .execute();
      }
      if (post.tagIds.length > 0) {
        await db
          .insertInto('post_tags')
          .values(post.tagIds.map((tag_id, position) => ({ post_id: row.id, tag_id, position, published_at: publishedAt })))
          .execute();
      }
      if (post.mediaIds.length > 0) {
        await db.insertInto('post_media').values(post.mediaIds.map((media_id) => ({ post_id: row.id, media_id }))).execute();
      }
      return toPost(row, { authorIds: post.authorIds, tagIds: post.tagIds });
    },

    async findById(id) {
      const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const [authors, tags] = await Promise.all([
        db.selectFrom('post_authors').select('user_id').where('post_id', '=', id).orderBy('position').execute(),
        db.selectFrom('post_tags').select('tag_id').where('post_id', '=', id).orderBy('position').execute(),
      ]);
      return toPost(row, { authorIds: authors.map((a) => a.user_id), tagIds: tags.map((t) => t.tag_id) });
    },

    async slugExists(slug) {
      return (await db.selectFrom('posts').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },

    async count() {
      const row = await db.selectFrom('posts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async findPublishedBySlug(slug, now) {
      const row = await bySlugQuery(dialect, slug, now).executeTakeFirst();
      if (!row) return undefined;
      const { category, authors, tags, featured, ...postRow } = row;
      const post = toPost(postRow, { authorIds: [], tagIds: [] });
      const { authorIds: _a, tagIds: _t, ...rest } = post;
      const featuredRow = fromJson<Parameters<typeof toMediaFromJson>[0] | null>(featured);
      const view: PostView = {
        ...rest,
        publishedAt: post.publishedAt!,
        category: fromJson<CategoryRef | null>(category),
        authors: fromJson<PersonRef[]>(authors) ?? [],
        tags: fromJson<TagRef[]>(tags) ?? [],
        featuredMedia: featuredRow ? toMediaFromJson(featuredRow) : null,
      };
      return view;
    },

    async cursorAt(query) {
      if (query.skip < 1) return undefined;
      const row = await cursorQuery(dialect, query).executeTakeFirst();
      return row && row.published_at ? { publishedAt: row.published_at, id: row.id } : undefined;
    },

    async listPublished(query) {
      const rows = await listQuery(dialect, query).execute();
      return rows.map((row) => toTeaser(row as TeaserRow));
    },

    async latestByCategories({ categoryIds, perCategory, now }) {
      const result = new Map<number, Teaser[]>(categoryIds.map((id) => [id, []]));
      if (categoryIds.length === 0) return result;
      // One statement: a UNION ALL of small index-ordered reads, one per category.
      const parts = categoryIds.map((categoryId) =>
        whereVisible(db.selectFrom('posts as p'), now)
          .where('p.kind', '=', 'article')
          .where('p.category_id', '=', categoryId)
          .select(columns)
          .select(sql<number>`${categoryId}`.as('section_id'))
          .orderBy('p.published_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(perCategory),
      );
      const [first, ...others] = parts;
      let union = db.selectFrom(first!.as('s0')).selectAll();
      others.forEach((part, index) => {
        union = union.unionAll(db.selectFrom(part.as(`s${index + 1}`)).selectAll());
      });
      for (const row of await union.execute()) {
        result.get(Number(row.section_id))?.push(toTeaser(row as TeaserRow));
      }
      return result;
    },

    async related({ postId, categoryId, now, limit }) {
      if (categoryId === null) return [];
      const rows = await whereVisible(db.selectFrom('posts as p'), now)
        .where('p.kind', '=', 'article')
        .where('p.category_id', '=', categoryId)
        .where('p.id', '!=', postId)
        .select(columns)
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => toTeaser(row as TeaserRow));
    },

    async search({ text, now, limit, after }) {
      let qb = whereVisible(db.selectFrom('posts as p'), now).where(() => dialect.searchMatches(text));
      if (after) qb = qb.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(after.publishedAt, after.id)));
      const rows = await qb.select(columns).orderBy('p.published_at', 'desc').orderBy('p.id', 'desc').limit(limit).execute();
      return rows.map((row) => toTeaser(row as TeaserRow));
    },

    async listForSitemap({ now, limit }) {
      const rows = await whereVisible(db.selectFrom('posts as p'), now)
        .where('p.is_noindex', '=', 0)
        .select(['p.slug', 'p.kind', 'p.updated_at'])
        .orderBy('p.published_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ slug: row.slug, kind: row.kind as 'article' | 'page', updatedAt: row.updated_at }));
    },
  };
}

export type { Cursor };
