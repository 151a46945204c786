import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { WpCommentOrderBy, WpCommentQuery, WpCommentRow, WpJsonStore, WpPostAccess } from '../../content/store-wp-json.js';
import type { PostKind } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import type { CommentsTable, Database } from '../schema.js';
import { toComment } from './comments.js';

type CommentsFrom = SelectQueryBuilder<Database & { c: Database['comments']; p: Database['posts'] }, 'c' | 'p', object>;

type CommentReads = Pick<WpJsonStore, 'listComments' | 'findComment' | 'postAccess' | 'latestComments'>;

const ORDER_COLUMNS: Record<WpCommentOrderBy, 'c.created_at' | 'c.id' | 'c.post_id' | 'c.parent_id'> = {
  date: 'c.created_at',
  id: 'c.id',
  post: 'c.post_id',
  parent: 'c.parent_id',
};

/**
 * Approved comments on public posts: published, not dated in the future, and
 * open, unless the request gave the post's password. The comments_latest
 * index (status, created_at, id) serves the default order; comments_by_post
 * a post's own.
 */
function visibleComments(dialect: SqlDialect, input: { now: string; unlockedPostIds?: number[] }): CommentsFrom {
  const unlocked = input.unlockedPostIds ?? [];
  return dialect.db
    .selectFrom('comments as c')
    .innerJoin('posts as p', 'p.id', 'c.post_id')
    .where('c.status', '=', 'approved')
    .where('p.status', '=', 'published')
    .where('p.published_at', '<=', input.now)
    .where((eb) => (unlocked.length > 0 ? eb.or([eb('p.password', 'is', null), eb('p.id', 'in', unlocked)]) : eb('p.password', 'is', null)));
}

function filtered(dialect: SqlDialect, query: WpCommentQuery): CommentsFrom {
  let qb = visibleComments(dialect, query).where('c.kind', 'in', query.kinds);
  if (query.postIds) qb = qb.where('c.post_id', 'in', query.postIds);
  if (query.includeIds) qb = qb.where('c.id', 'in', query.includeIds);
  if (query.excludeIds) qb = qb.where('c.id', 'not in', query.excludeIds);
  if (query.after) qb = qb.where('c.created_at', '>', query.after);
  if (query.before) qb = qb.where('c.created_at', '<', query.before);
  const { parentIds } = query;
  if (parentIds) {
    const replyTo = parentIds.filter((id) => id !== 0);
    qb = qb.where((eb) =>
      eb.or([...(parentIds.includes(0) ? [eb('c.parent_id', 'is', null)] : []), ...(replyTo.length > 0 ? [eb('c.parent_id', 'in', replyTo)] : [])]),
    );
  }
  if (query.search) {
    // A case-insensitive substring, LIKE's wildcards taken literally (`!` escapes on both engines).
    const pattern = `%${query.search.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
    qb = qb.where(sql<boolean>`(lower(c.content) LIKE ${pattern} ESCAPE '!' OR lower(c.author_name) LIKE ${pattern} ESCAPE '!')`);
  }
  return qb;
}

type Row = Selectable<CommentsTable> & { post_slug: string; post_kind: string };

function toRow(row: Row): WpCommentRow {
  const { post_slug, post_kind, ...comment } = row;
  return { comment: toComment(comment), postSlug: post_slug, postKind: post_kind as PostKind };
}

/** A page of comments; exposed so tests can read its plan. */
export function commentsPage(dialect: SqlDialect, query: WpCommentQuery) {
  const direction = query.isAscending ? 'asc' : 'desc';
  return filtered(dialect, query)
    .selectAll('c')
    .select(['p.slug as post_slug', 'p.kind as post_kind'])
    .orderBy(ORDER_COLUMNS[query.orderBy], direction)
    .orderBy('c.id', direction)
    .offset(query.offset)
    .limit(query.limit);
}

export function wpJsonCommentQueries(dialect: SqlDialect): CommentReads {
  const { db } = dialect;
  return {
    async listComments(query) {
      const [rows, count] = await Promise.all([
        commentsPage(dialect, query).execute(),
        filtered(dialect, query)
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { total: Number(count.n), items: rows.map(toRow) };
    },

    async findComment(id, now) {
      const row = await db
        .selectFrom('comments as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .selectAll('c')
        .select(['p.slug as post_slug', 'p.kind as post_kind', 'p.password'])
        .select((eb) => eb.and([eb('p.status', '=', 'published'), eb('p.published_at', '<=', now)]).as('is_public'))
        .where('c.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      const { password, is_public, ...rest } = row;
      return {
        ...toRow(rest),
        isApproved: rest.status === 'approved',
        post: { id: rest.post_id, isPublic: Boolean(is_public), password },
      };
    },

    async postAccess(ids, now) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('posts as p')
        .select(['p.id', 'p.password'])
        .select((eb) => eb.and([eb('p.status', '=', 'published'), eb('p.published_at', '<=', now)]).as('is_public'))
        .where('p.id', 'in', ids)
        .execute();
      return rows.map((row): WpPostAccess => ({ id: row.id, isPublic: Boolean(row.is_public), password: row.password }));
    },

    async latestComments({ postIds, perPost }) {
      const result = new Map<number, WpCommentRow[]>(postIds.map((id) => [id, []]));
      if (postIds.length === 0) return result;
      const ranked = db
        .selectFrom('comments as c')
        .innerJoin('posts as p', 'p.id', 'c.post_id')
        .where('c.post_id', 'in', postIds)
        .where('c.status', '=', 'approved')
        .where('c.kind', '=', 'comment')
        .where('p.password', 'is', null)
        .selectAll('c')
        .select(['p.slug as post_slug', 'p.kind as post_kind'])
        .select(sql<number>`row_number() over (partition by c.post_id order by c.created_at desc, c.id desc)`.as('rank'));
      const rows = await db.selectFrom(ranked.as('r')).selectAll().where('r.rank', '<=', perPost).orderBy('r.post_id').orderBy('r.rank').execute();
      for (const { rank: _rank, ...row } of rows) result.get(row.post_id)?.push(toRow(row as Row));
      return result;
    },
  };
}
