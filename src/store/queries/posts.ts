import { sql, type Compilable, type RawBuilder } from 'kysely';
import type { Placeholders } from '../prepared.js';
import type { ListQuery, ListScope, NewPost, Store } from '../../content/store.js';
import type { BodyDocument } from '../../content/body.js';
import type { CardRow, PageDetails, PostKind, Teaser } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson, toPost } from '../rows.js';
import { postRow } from './post-row.js';
import { TEASER_COLUMNS, toTeaser, whereVisible, type TeaserRow } from './teasers.js';

type Posts = Store['posts'];

/**
 * Public posts in a scope, newest first, starting after a cursor. Tag and
 * author archives walk the link table's (owner, published_at, post_id) index;
 * the rest walk the posts indexes. Exposed so tests can read the plans.
 */
export function scoped(dialect: SqlDialect, query: Omit<ListQuery, 'limit'>) {
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
      .where('p.status', '=', 'published')
      // The link tables hold pages' tags and authors too; archives list stories only.
      .where('p.kind', '=', 'article');
    if (after) qb = qb.where((eb) => eb(eb.refTuple('l.published_at', 'l.post_id'), '<', eb.tuple(after.publishedAt, after.id)));
    return qb.orderBy('l.published_at', 'desc').orderBy('l.post_id', 'desc');
  }
  let qb = whereVisible(db.selectFrom('posts as p'), now).where('p.kind', '=', 'article');
  if (scope.kind === 'category') qb = qb.where('p.category_id', '=', scope.id);
  if (after) qb = qb.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(after.publishedAt, after.id)));
  return qb.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc');
}

export function listQuery(dialect: SqlDialect, query: ListQuery) {
  return scoped(dialect, query).select(TEASER_COLUMNS).limit(sql.lit(query.limit));
}

/** A story's stored card as bytes, with the keys that place it in a list. */
function cardColumns(dialect: SqlDialect) {
  return ['p.id', 'p.published_at', dialect.utf8Bytes('p.card_html').as('html')] as const;
}

export function cardsQuery(dialect: SqlDialect, query: ListQuery) {
  return scoped(dialect, query).select(cardColumns(dialect)).limit(sql.lit(query.limit));
}

function toCard(row: { id: number; published_at: string | null; html: Buffer }): CardRow {
  return { id: row.id, publishedAt: row.published_at!, html: row.html };
}

/** The key of the n-th newest post in a scope: only for page links that arrive without a cursor. */
export function cursorQuery(dialect: SqlDialect, query: Omit<ListQuery, 'limit' | 'after'> & { offset: number }) {
  return scoped(dialect, query).select(['p.published_at', 'p.id']).offset(query.offset).limit(sql.lit(1));
}

/** A scope whose id is a placeholder, for compiling a query once per scope kind. */
export function scopeWith(scope: ListScope, id: number): ListScope {
  return scope.kind === 'all' ? scope : { kind: scope.kind, id };
}

export function scopeParams(scope: ListScope): Record<string, unknown> {
  return scope.kind === 'all' ? {} : { scopeId: scope.id };
}

/**
 * An article page's stored fragments, its comments (never a protected
 * post's: those wait for the password), and the section its related stories
 * come from.
 */
export function bySlugQuery(dialect: SqlDialect, slug: string, now: string, known?: { id: number | null; version: string | null }) {
  // With the version of fragments the caller already holds (dialect.rowVersion), the row
  // says whether they are still current and sends its bytes only when they are not.
  const version = known && dialect.rowVersion?.('p');
  const unchanged = version && sql<boolean>`(p.id = ${known.id} AND ${version} = ${known.version})`;
  // Typed as without `known`: only the site's article read passes it, and it reads a NULL as "held".
  const fresh = <B extends Buffer | null>(bytes: RawBuilder<B>) => (unchanged ? sql<B>`CASE WHEN ${unchanged} THEN NULL ELSE ${bytes} END` : bytes);
  return whereVisible(dialect.db.selectFrom('posts as p'), now)
    .where('p.slug', '=', slug)
    .select((eb) => [
      'p.id',
      'p.kind',
      'p.category_id',
      eb.selectFrom('categories as c').select('c.name').whereRef('c.id', '=', 'p.category_id').as('category_name'),
      fresh(dialect.utf8Bytes('p.head_html')).as('head_html'),
      fresh(dialect.utf8Bytes('p.article_html')).as('article_html'),
      fresh(sql<Buffer | null>`CASE WHEN p.password IS NULL THEN ${dialect.utf8Bytes('p.comments_html')} END`).as('comments_html'),
      eb('p.password', 'is not', null).as('is_protected'),
      ...(version && unchanged ? [version.as('version'), sql<boolean>`COALESCE(${unchanged}, FALSE)`.as('unchanged')] : []),
    ]);
}

const NO_BYTES = Buffer.alloc(0);

/** Sticky public articles, newest first: a seek into the partial index posts_sticky. */
export function stickyQuery(dialect: SqlDialect, input: { now: string; limit: number }) {
  return whereVisible(dialect.db.selectFrom('posts as p'), input.now)
    .where('p.kind', '=', 'article')
    .where(dialect.isSet('p.is_sticky'))
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(sql.lit(input.limit));
}

export function postQueries(dialect: SqlDialect): Posts {
  const { db } = dialect;
  // The public site's reads are compiled once per shape; see store/prepared.ts.
  const run = <Row>(shape: string, params: Record<string, unknown>, build: (p: Placeholders) => Compilable<Row>) =>
    dialect.prepared.run<Row>(dialect, shape, params, build);
  const linkTime = (post: Pick<NewPost, 'status' | 'publishedAt'>) => (post.status === 'published' ? post.publishedAt : null);

  return {
    async insert(post) {
      const row = await db
        .insertInto('posts')
        .values({ ...postRow(post), created_at: post.createdAt, revision: 1 })
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

    // Two small statements, not one: a UNION of the page and its related cards
    // makes SQLite find the post twice and costs more than the pair.
    async findPublishedBySlug(slug, now) {
      const [row] = await run('post-by-slug', { slug, now }, (p) => bySlugQuery(dialect, p.slug, p.now));
      if (!row) return undefined;
      return {
        id: row.id,
        kind: row.kind as PostKind,
        categoryId: row.category_id,
        categoryName: row.category_name,
        headHtml: row.head_html,
        articleHtml: row.article_html,
        commentsHtml: row.comments_html ?? NO_BYTES,
        isProtected: Boolean(row.is_protected),
      };
    },

    async findPublishedDocument(slug, now) {
      const row = await whereVisible(db.selectFrom('posts as p'), now)
        .where('p.slug', '=', slug)
        .select(['p.id', 'p.card', 'p.page', 'p.body', 'p.password', 'p.comments_html'])
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        post: { id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card), ...fromJson<PageDetails>(row.page) },
        body: fromJson<BodyDocument>(row.body),
        isProtected: row.password !== null,
        // A protected post's comments wait for its password, as its page's do.
        commentsHtml: row.password === null ? row.comments_html : '',
      };
    },

    async listCards(query) {
      const { scope, now, limit, after } = query;
      const params = { ...scopeParams(scope), now, ...(after ? { afterTime: after.publishedAt, afterId: after.id } : {}) };
      const rows = await run(`cards:${scope.kind}:${after ? 'after' : 'first'}:${limit}`, params, (p) =>
        cardsQuery(dialect, { scope: scopeWith(scope, p.scopeId), now: p.now, limit, after: after && { publishedAt: p.afterTime, id: p.afterId } }),
      );
      return rows.map(toCard);
    },

    async listRenderInputs({ afterId, limit }) {
      const rows = await db
        .selectFrom('posts')
        .select(['id', 'card', 'page', 'body_html', 'password'])
        .where('id', '>', afterId)
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({
        id: row.id,
        card: fromJson<Omit<Teaser, 'id'>>(row.card),
        page: fromJson<PageDetails>(row.page),
        bodyHtml: row.body_html,
        isProtected: row.password !== null,
      }));
    },

    async updateFragments(id, fragments) {
      await db
        .updateTable('posts')
        .set({ card_html: fragments.cardHtml, head_html: fragments.headHtml, article_html: fragments.articleHtml })
        .where('id', '=', id)
        .execute();
    },

    async setAccess(id, access) {
      await db
        .updateTable('posts')
        .set({ password: access.password, is_sticky: access.isSticky ? 1 : 0 })
        .where('id', '=', id)
        .execute();
    },

    async homeTop({ now, stickyLimit }) {
      const rows = await run(`home-top:${stickyLimit}`, { now }, (p) => {
        const columns = ['p.id', 'p.published_at', 'p.card', dialect.utf8Bytes('p.card_html').as('html')] as const;
        const sticky = stickyQuery(dialect, { now: p.now, limit: stickyLimit }).select(columns).select(sql<number>`1`.as('is_sticky'));
        const newest = whereVisible(db.selectFrom('posts as p'), p.now)
          .where('p.kind', '=', 'article')
          .select(columns)
          .select(sql<number>`0`.as('is_sticky'))
          .orderBy('p.published_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(sql.lit(1));
        // One statement: two small index-ordered reads, as latestByCategories does.
        return db.selectFrom(sticky.as('s0')).selectAll().unionAll(db.selectFrom(newest.as('s1')).selectAll());
      });
      const teaserOf = (row: (typeof rows)[number]): Teaser => ({ id: row.id, ...fromJson<Omit<Teaser, 'id'>>(row.card) });
      const newest = rows.find((row) => Number(row.is_sticky) === 0);
      return {
        sticky: rows.filter((row) => Number(row.is_sticky) === 1).map((row) => ({ ...toCard(row), teaser: teaserOf(row) })),
        newest: newest && teaserOf(newest),
      };
    },

    async cursorAt(query) {
      if (query.skip < 1) return undefined;
      const [row] = await run(`cursor:${query.scope.kind}`, { ...scopeParams(query.scope), now: query.now, offset: query.skip - 1 }, (p) =>
        cursorQuery(dialect, { scope: scopeWith(query.scope, p.scopeId), now: p.now, offset: p.offset }),
      );
      return row && row.published_at ? { publishedAt: row.published_at, id: row.id } : undefined;
    },

    async listPublished(query) {
      const { scope, now, limit, after } = query;
      const params = { ...scopeParams(scope), now, ...(after ? { afterTime: after.publishedAt, afterId: after.id } : {}) };
      const rows = await run(`list:${scope.kind}:${after ? 'after' : 'first'}:${limit}`, params, (p) =>
        listQuery(dialect, { scope: scopeWith(scope, p.scopeId), now: p.now, limit, after: after && { publishedAt: p.afterTime, id: p.afterId } }),
      );
      return rows.map((row) => toTeaser(row as TeaserRow));
    },

    async latestByCategories({ categoryIds, perCategory, now }) {
      const result = new Map<number, CardRow[]>(categoryIds.map((id) => [id, []]));
      if (categoryIds.length === 0) return result;
      // One statement: a UNION ALL of small index-ordered reads, one per category.
      const params: Record<string, unknown> = { now };
      categoryIds.forEach((id, index) => (params[`c${index}`] = id));
      const rows = await run(`sections:${categoryIds.length}:${perCategory}`, params, (p) => {
        const parts = categoryIds.map((_, index) =>
          whereVisible(db.selectFrom('posts as p'), p.now)
            .where('p.kind', '=', 'article')
            .where('p.category_id', '=', p[`c${index}`]!)
            .select(cardColumns(dialect))
            .select(sql<number>`${p[`c${index}`]}`.as('section_id'))
            .orderBy('p.published_at', 'desc')
            .orderBy('p.id', 'desc')
            .limit(sql.lit(perCategory)),
        );
        const [first, ...others] = parts;
        let union = db.selectFrom(first!.as('s0')).selectAll();
        others.forEach((part, index) => {
          union = union.unionAll(db.selectFrom(part.as(`s${index + 1}`)).selectAll());
        });
        return union;
      });
      for (const row of rows) {
        result.get(Number(row.section_id))?.push(toCard(row));
      }
      return result;
    },

    async related({ postId, categoryId, now, limit }) {
      if (categoryId === null) return [];
      const rows = await run(`related:${limit}`, { now, categoryId, postId }, (p) =>
        whereVisible(db.selectFrom('posts as p'), p.now)
          .where('p.kind', '=', 'article')
          .where('p.category_id', '=', p.categoryId)
          .where('p.id', '!=', p.postId)
          .select(cardColumns(dialect))
          .orderBy('p.published_at', 'desc')
          .orderBy('p.id', 'desc')
          .limit(sql.lit(limit)),
      );
      return rows.map(toCard);
    },

    async search({ text, now, limit, after }) {
      const term = dialect.searchTerm(text);
      if (term === undefined) return [];
      const params = { term, now, ...(after ? { afterTime: after.publishedAt, afterId: after.id } : {}) };
      const rows = await run(`search:${after ? 'after' : 'first'}:${limit}`, params, (p) => {
        // A protected post is left out of readers' searches, as WordPress leaves it out for visitors not signed in.
        let qb = whereVisible(db.selectFrom('posts as p'), p.now)
          .where('p.password', 'is', null)
          .where(() => dialect.searchMatches(p.term));
        if (after) qb = qb.where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<', eb.tuple(p.afterTime, p.afterId)));
        return qb.select(cardColumns(dialect)).orderBy('p.published_at', 'desc').orderBy('p.id', 'desc').limit(sql.lit(limit));
      });
      return rows.map(toCard);
    },
  };
}

