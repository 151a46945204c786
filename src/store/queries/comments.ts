import type { Selectable } from 'kysely';
import type { Comment, CommentKind, CommentStatus, CommentStore, NewComment } from '../../content/store-comments.js';
import type { CommentsTable } from '../schema.js';
import type { SqlDialect } from '../dialect.js';

function toRow(comment: NewComment) {
  return {
    post_id: comment.postId,
    parent_id: comment.parentId,
    kind: comment.kind,
    status: comment.status,
    author_name: comment.authorName,
    author_email: comment.authorEmail,
    author_url: comment.authorUrl,
    user_id: comment.userId,
    content: comment.content,
    created_at: comment.createdAt,
  };
}

export function toComment(row: Selectable<CommentsTable>): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    parentId: row.parent_id,
    kind: row.kind as CommentKind,
    status: row.status as CommentStatus,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorUrl: row.author_url,
    userId: row.user_id,
    content: row.content,
    createdAt: row.created_at,
  };
}

export function commentQueries({ db }: SqlDialect): CommentStore {
  return {
    async insert(comment) {
      const { id } = await db.insertInto('comments').values(toRow(comment)).returning('id').executeTakeFirstOrThrow();
      return { ...comment, id };
    },

    async update(id, comment) {
      await db.updateTable('comments').set(toRow(comment)).where('id', '=', id).execute();
    },

    async listApproved(postIds) {
      if (postIds.length === 0) return [];
      // The comments_by_post index (post_id, status, created_at, id) gives them in this order.
      const rows = await db
        .selectFrom('comments')
        .selectAll()
        .where('post_id', 'in', [...postIds])
        .where('status', '=', 'approved')
        .orderBy('post_id')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toComment);
    },

    async writeRendered(postId, html) {
      await db.updateTable('posts').set({ comments_html: html }).where('id', '=', postId).execute();
    },

    async findRendered(postId) {
      const row = await db.selectFrom('posts').select('comments_html').where('id', '=', postId).executeTakeFirst();
      return row?.comments_html ?? '';
    },
  };
}
