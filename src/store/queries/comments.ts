import type { CommentStore, NewComment } from '../../content/store-comments.js';
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

export function commentQueries({ db }: SqlDialect): CommentStore {
  return {
    async insert(comment) {
      const { id } = await db.insertInto('comments').values(toRow(comment)).returning('id').executeTakeFirstOrThrow();
      return { ...comment, id };
    },

    async update(id, comment) {
      await db.updateTable('comments').set(toRow(comment)).where('id', '=', id).execute();
    },
  };
}
