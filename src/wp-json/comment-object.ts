import type { WpCommentRow } from '../content/store-wp-json.js';
import { commentContentHtml, safeAuthorUrl } from '../render/comments-html.js';
import { urls } from '../render/urls.js';
import { gmtDate, type WpContext } from './context.js';

/** The fields WordPress keeps in a comment embedded in another object (its `embed` context). */
const EMBED_FIELDS = ['id', 'author', 'author_name', 'author_url', 'content', 'date', 'link', 'parent', 'type', '_links'] as const;

/**
 * An approved comment as WordPress's `comments` endpoint shows it to a reader
 * who is not signed in: never its author's email, and the author's address
 * only when it is a plain http(s) URL. The content goes through the same
 * strict sanitiser as on the page.
 */
export function toWpComment(row: WpCommentRow, input: { context: WpContext; isEmbedded?: boolean }) {
  const { comment } = row;
  const { context } = input;
  const api = `${context.apiUrl}/wp/v2`;
  const postType = row.postKind === 'page' ? 'page' : 'post';
  const object = {
    id: comment.id,
    post: comment.postId,
    parent: comment.parentId ?? 0,
    author: comment.userId ?? 0,
    author_name: comment.authorName,
    author_url: safeAuthorUrl(comment.authorUrl) ?? '',
    date: context.localDate(comment.createdAt),
    date_gmt: gmtDate(comment.createdAt),
    content: { rendered: `${commentContentHtml(comment.content).value}\n` },
    link: `${context.siteUrl}${urls.post(row.postSlug)}#comment-${comment.id}`,
    status: 'approved',
    type: comment.kind,
    meta: [],
    _links: {
      self: [{ href: `${api}/comments/${comment.id}` }],
      collection: [{ href: `${api}/comments` }],
      up: [{ embeddable: true, post_type: postType, href: `${api}/${postType === 'page' ? 'pages' : 'posts'}/${comment.postId}` }],
      ...(comment.parentId ? { 'in-reply-to': [{ embeddable: true, href: `${api}/comments/${comment.parentId}` }] } : {}),
    },
  };
  if (!input.isEmbedded) return object;
  return Object.fromEntries(EMBED_FIELDS.map((field) => [field, object[field]]));
}
