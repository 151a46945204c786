/**
 * The store's side of comments: readers' replies under a post, threaded by
 * parent, with WordPress's approval states. Implemented in
 * store/queries/comments.ts.
 */

export const COMMENT_STATUSES = ['approved', 'pending', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const COMMENT_KINDS = ['comment', 'pingback', 'trackback'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface NewComment {
  postId: number;
  parentId: number | null;
  kind: CommentKind;
  status: CommentStatus;
  authorName: string;
  authorEmail: string | null;
  authorUrl: string | null;
  userId: number | null;
  /** As the comment's author typed it (WordPress's HTML, blank lines between paragraphs); shown only through commentContentHtml(), which sanitises. */
  content: string;
  createdAt: string;
}

export interface Comment extends NewComment {
  id: number;
}

export interface CommentStore {
  insert(comment: NewComment): Promise<Comment>;
  update(id: number, comment: NewComment): Promise<void>;
  /** The approved comments of the posts, by post, then oldest first: what their pages show. */
  listApproved(postIds: readonly number[]): Promise<Comment[]>;
  /** Stores a post's comments as its page shows them (posts.comments_html); '' for none. */
  writeRendered(postId: number, html: string): Promise<void>;
  /** A post's stored comments HTML, whatever its status or password; '' when it has none or is not there. */
  findRendered(postId: number): Promise<string>;
}
