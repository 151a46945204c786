import { sql } from 'kysely';
import type { EditorialStore, NewsroomQuery, PostSnapshot, RevisionAction, RevisionSummary, ShownThing } from '../../content/store-editorial.js';
import type { CategoryRef, PersonRef, PostKind, PostStatus } from '../../content/types.js';
import type { SqlDialect } from '../dialect.js';
import { postRow } from './post-row.js';
import { fromJson } from '../rows.js';
import { ownOrPublished } from './own-reach.js';

/** Link tables copy the publication time only while a post is public (see schema.ts). */
function linkTime(post: { status: PostStatus; publishedAt: string | null }): string | null {
  return post.status === 'published' ? post.publishedAt : null;
}

/**
 * The newsroom's list: any status, newest updated first. One status reads
 * posts_newsroom_status in order; all of them read posts_newsroom_latest and
 * skip the trash. Exposed so tests can read the plan.
 */
export function newsroomQuery(dialect: SqlDialect, query: Omit<NewsroomQuery, 'limit' | 'offset'>) {
  const { db } = dialect;
  let qb = db.selectFrom('posts as p');
  qb = query.status ? qb.where('p.status', '=', query.status) : qb.where('p.status', '!=', 'trashed');
  if (query.kind) qb = qb.where('p.kind', '=', query.kind);
  if (query.categoryId) qb = qb.where('p.category_id', '=', query.categoryId);
  if (query.authorId) {
    const authorId = query.authorId;
    qb = qb.where('p.id', 'in', (eb) => eb.selectFrom('post_authors').select('post_id').where('user_id', '=', authorId));
  }
  if (query.tagId) {
    const tagId = query.tagId;
    qb = qb.where('p.id', 'in', (eb) => eb.selectFrom('post_tags').select('post_id').where('tag_id', '=', tagId));
  }
  const term = query.text === undefined ? undefined : dialect.searchTerm(query.text);
  if (term !== undefined) qb = qb.where(() => dialect.searchMatches(term));
  // Part of the WHERE, so the page, the total and every filter agree on what the person may see.
  if (query.ownerId !== undefined) qb = qb.where((eb) => ownOrPublished(eb, { ownerId: query.ownerId!, ownKinds: query.ownKinds }));
  return qb;
}

export function newsroomPageQuery(dialect: SqlDialect, query: NewsroomQuery) {
  return newsroomQuery(dialect, query)
    .select(['p.id', 'p.kind', 'p.title', 'p.slug', 'p.status', 'p.card', 'p.updated_at', 'p.published_at', 'p.revision'])
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(query.limit)
    .offset(query.offset);
}

/** Scheduled posts whose time has come. Exposed so tests can read the plan. */
export function dueQuery({ db }: SqlDialect, query: { now: string; limit: number }) {
  return db
    .selectFrom('posts')
    .select('id')
    .where('status', '=', 'scheduled')
    .where('published_at', '<=', query.now)
    .orderBy('published_at')
    .orderBy('id')
    .limit(query.limit);
}

function toSummary(row: {
  post_id: number;
  revision: number;
  action: string;
  title: string;
  status: string;
  note: string | null;
  created_at: string;
  user_id: number | null;
  user_slug: string | null;
  user_name: string | null;
}): RevisionSummary {
  const savedBy: PersonRef | null = row.user_id !== null && row.user_slug !== null ? { id: row.user_id, slug: row.user_slug, name: row.user_name ?? '' } : null;
  return {
    postId: row.post_id,
    revision: row.revision,
    action: row.action as RevisionAction,
    title: row.title,
    status: row.status as PostStatus,
    note: row.note,
    savedBy,
    savedAt: row.created_at,
  };
}

export function editorialQueries(dialect: SqlDialect): EditorialStore {
  const { db } = dialect;
  const revisions = () =>
    db
      .selectFrom('post_revisions as r')
      .leftJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.post_id', 'r.revision', 'r.action', 'r.title', 'r.status', 'r.note', 'r.created_at', 'r.user_id', 'u.slug as user_slug', 'u.name as user_name']);

  return {
    async claimRevision({ postId, expected }) {
      const result = await db
        .updateTable('posts')
        .set((eb) => ({ revision: eb('revision', '+', 1) }))
        .where('id', '=', postId)
        .where('revision', '=', expected)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async claimDuePublication({ postId, now }) {
      // The status test is the lock: a second run (in this process or another)
      // finds the post no longer scheduled and updates nothing.
      const result = await db
        .updateTable('posts')
        .set((eb) => ({ status: 'published', revision: eb('revision', '+', 1), updated_at: sql<string>`published_at` }))
        .where('id', '=', postId)
        .where('status', '=', 'scheduled')
        .where('published_at', '<=', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listDue(query) {
      return (await dueQuery(dialect, query).execute()).map((row) => row.id);
    },

    async writePost(id, post) {
      await db
        .updateTable('posts')
        .set(postRow(post))
        .where('id', '=', id)
        .execute();
      // Replaced rather than patched: a post has a handful of links, and the
      // order (position) and publication copy change with them.
      const publishedAt = linkTime(post);
      await db.deleteFrom('post_authors').where('post_id', '=', id).execute();
      await db.deleteFrom('post_tags').where('post_id', '=', id).execute();
      await db.deleteFrom('post_media').where('post_id', '=', id).execute();
      if (post.authorIds.length > 0) {
        await db
          .insertInto('post_authors')
          .values(post.authorIds.map((user_id, position) => ({ post_id: id, user_id, position, published_at: publishedAt })))
          .execute();
      }
      if (post.tagIds.length > 0) {
        await db
          .insertInto('post_tags')
          .values(post.tagIds.map((tag_id, position) => ({ post_id: id, tag_id, position, published_at: publishedAt })))
          .execute();
      }
      if (post.mediaIds.length > 0) {
        await db.insertInto('post_media').values(post.mediaIds.map((media_id) => ({ post_id: id, media_id }))).execute();
      }
    },

    async writeRendered({ id, revision, rendered }) {
      const result = await db
        .updateTable('posts')
        .set({
          body_html: rendered.bodyHtml,
          body_text: rendered.bodyText,
          card: JSON.stringify(rendered.card),
          page: JSON.stringify(rendered.page),
          card_html: rendered.fragments.cardHtml,
          head_html: rendered.fragments.headHtml,
          article_html: rendered.fragments.articleHtml,
        })
        .where('id', '=', id)
        .where('revision', '=', revision)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async insertRevision(revision) {
      await db
        .insertInto('post_revisions')
        .values({
          post_id: revision.postId,
          revision: revision.revision,
          action: revision.action,
          user_id: revision.userId,
          note: revision.note,
          title: revision.snapshot.title,
          status: revision.snapshot.status,
          created_at: revision.createdAt,
          snapshot: JSON.stringify(revision.snapshot),
        })
        .execute();
    },

    async listRevisions(postId) {
      const rows = await revisions().where('r.post_id', '=', postId).orderBy('r.revision', 'desc').execute();
      return rows.map(toSummary);
    },

    async findRevision(postId, revision) {
      const row = await revisions()
        .select('r.snapshot')
        .where('r.post_id', '=', postId)
        .where('r.revision', '=', revision)
        .executeTakeFirst();
      return row && { ...toSummary(row), snapshot: fromJson<PostSnapshot>(row.snapshot) };
    },

    async recordSlugChange({ postId, oldSlug, newSlug, changedAt }) {
      await db.deleteFrom('post_slug_history').where('post_id', '=', postId).where('slug', '=', newSlug).execute();
      await db
        .insertInto('post_slug_history')
        .values({ slug: oldSlug, post_id: postId, changed_at: changedAt })
        .onConflict((oc) => oc.columns(['slug', 'post_id']).doUpdateSet({ changed_at: changedAt }))
        .execute();
    },

    async oldSlugs(postId) {
      const rows = await db
        .selectFrom('post_slug_history')
        .select('slug')
        .where('post_id', '=', postId)
        .orderBy('changed_at', 'desc')
        .orderBy('slug')
        .execute();
      return rows.map((row) => row.slug);
    },

    async findPostIdByOldSlug(slug) {
      const row = await db
        .selectFrom('post_slug_history')
        .select('post_id')
        .where('slug', '=', slug)
        .orderBy('changed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.post_id;
    },

    async putAutosave(autosave) {
      const values = { base_revision: autosave.baseRevision, saved_at: autosave.savedAt, changes: JSON.stringify(autosave.changes) };
      await db
        .insertInto('post_autosaves')
        .values({ post_id: autosave.postId, user_id: autosave.userId, ...values })
        .onConflict((oc) => oc.columns(['post_id', 'user_id']).doUpdateSet(values))
        .execute();
    },

    async findAutosave({ postId, userId }) {
      const row = await db
        .selectFrom('post_autosaves')
        .selectAll()
        .where('post_id', '=', postId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return (
        row && {
          postId: row.post_id,
          userId: row.user_id,
          baseRevision: row.base_revision,
          savedAt: row.saved_at,
          changes: fromJson<Record<string, unknown>>(row.changes),
        }
      );
    },

    async deleteAutosave({ postId, userId }) {
      await db.deleteFrom('post_autosaves').where('post_id', '=', postId).where('user_id', '=', userId).execute();
    },

    async insertPreviewToken(token) {
      await db
        .insertInto('preview_tokens')
        .values({
          token_hash: token.tokenHash,
          post_id: token.postId,
          created_by: token.createdBy,
          created_at: token.createdAt,
          expires_at: token.expiresAt,
          revoked_at: token.revokedAt,
        })
        .execute();
    },

    async findPreviewToken(tokenHash) {
      const row = await db.selectFrom('preview_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return (
        row && {
          tokenHash: row.token_hash,
          postId: row.post_id,
          createdBy: row.created_by,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          revokedAt: row.revoked_at,
        }
      );
    },

    async revokePreviewTokens({ postId, revokedAt }) {
      const result = await db
        .updateTable('preview_tokens')
        .set({ revoked_at: revokedAt })
        .where('post_id', '=', postId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async postsShowing(thing: ShownThing) {
      // Each through an index whose first column is the thing's id.
      const rows =
        'mediaId' in thing
          ? await db.selectFrom('post_media').select('post_id as id').where('media_id', '=', thing.mediaId).orderBy('post_id').execute()
          : 'tagId' in thing
            ? await db.selectFrom('post_tags').select('post_id as id').where('tag_id', '=', thing.tagId).orderBy('post_id').execute()
            : 'userId' in thing
              ? await db.selectFrom('post_authors').select('post_id as id').where('user_id', '=', thing.userId).orderBy('post_id').execute()
              : await db.selectFrom('posts').select('id').where('category_id', '=', thing.categoryId).orderBy('id').execute();
      return rows.map((row) => row.id);
    },

    async listForNewsroom(query) {
      const [rows, count] = await Promise.all([
        newsroomPageQuery(dialect, query).execute(),
        newsroomQuery(dialect, query)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return {
        total: Number(count.n),
        items: rows.map((row) => {
          // Authors and section come from the stored card, kept current by re-rendering, so the list joins nothing.
          const card = fromJson<{ authors: PersonRef[]; category: CategoryRef | null }>(row.card);
          return {
            id: row.id,
            kind: row.kind as PostKind,
            title: row.title,
            slug: row.slug,
            status: row.status as PostStatus,
            authors: card.authors,
            category: card.category,
            updatedAt: row.updated_at,
            publishedAt: row.published_at,
            revision: row.revision,
          };
        }),
      };
    },
  };
}
