import { html, type SafeHtml } from '../lib/html.js';
import type { Comment } from '../content/store-comments.js';
import type { RenderSite } from './render-site.js';
import { sanitizedCommentHtml } from './sanitize.js';

/**
 * A post's approved comments as its page shows them, rendered when they
 * change (operations/comments/render-comments.ts) and stored with the post,
 * so the page reads them with the rest of its row. Comments are threaded as
 * nested lists; pingbacks and trackbacks are listed apart, labelled.
 */

/** Replies nest this deep, as WordPress's default; deeper ones are listed at the last level. */
const MAX_DEPTH = 5;

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** "November 20, 2026 at 7:00 AM" in the site's zone and language. */
function formatDateTime(site: RenderSite, iso: string): string {
  const key = `${site.settings.language} ${site.settings.timezone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(site.settings.language, { dateStyle: 'long', timeStyle: 'short', timeZone: site.settings.timezone });
    dateTimeFormats.set(key, format);
  }
  return format.format(new Date(iso));
}

/** A commenter's own address, only when it is a plain http(s) URL; anything else is not linked. */
export function safeAuthorUrl(url: string | null): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url.trim());
    if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

const BLOCK_TAG = /<(p|ul|ol|blockquote)[\s>]/i;

/** WordPress stores comments as typed, blank lines between paragraphs; it makes paragraphs of them when showing them, and so do we. */
function withParagraphs(content: string): string {
  if (BLOCK_TAG.test(content)) return content;
  return content
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => `<p>${paragraph.trim().replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
}

/** A comment's text as readers see it, here and in the REST API: paragraphs made, then the strict sanitiser. */
export function commentContentHtml(content: string): SafeHtml {
  return sanitizedCommentHtml(withParagraphs(content));
}

function author(comment: Comment): SafeHtml {
  const url = safeAuthorUrl(comment.authorUrl);
  const name = comment.authorName.trim() || 'Anonymous';
  return html`<span class="comment-author">${url ? html`<a href="${url}" rel="ugc nofollow noopener">${name}</a>` : name}</span>`;
}

function when(site: RenderSite, comment: Comment): SafeHtml {
  return html`<a class="comment-date" href="#comment-${comment.id}"><time datetime="${comment.createdAt}">${formatDateTime(site, comment.createdAt)}</time></a>`;
}

function commentItem(site: RenderSite, comment: Comment, replies: SafeHtml): SafeHtml {
  return html`<li class="comment" id="comment-${comment.id}"><article class="comment-body" aria-label="Comment by ${comment.authorName.trim() || 'Anonymous'}"><footer class="comment-meta">${author(comment)} · ${when(
    site,
    comment,
  )}</footer><div class="comment-content">${commentContentHtml(comment.content)}</div></article>${replies}</li>`;
}

/**
 * The comments in threads. A reply whose parent is not shown (not approved,
 * gone, a ping, or a loop in imported data) is shown at the top level, so
 * no approved comment is ever left out.
 */
function threads(site: RenderSite, comments: Comment[]): SafeHtml {
  const ids = new Set(comments.map((c) => c.id));
  const children = new Map<number, Comment[]>();
  for (const comment of comments) {
    if (comment.parentId === null || comment.parentId === comment.id || !ids.has(comment.parentId)) continue;
    const list = children.get(comment.parentId) ?? [];
    list.push(comment);
    children.set(comment.parentId, list);
  }
  const shown = new Set<number>();
  const branch = (comment: Comment, depth: number): SafeHtml[] => {
    shown.add(comment.id);
    const replies = (children.get(comment.id) ?? []).filter((reply) => !shown.has(reply.id));
    if (depth >= MAX_DEPTH) {
      // At the deepest level replies follow as siblings instead of nesting further.
      return [commentItem(site, comment, html``), ...replies.flatMap((reply) => branch(reply, depth))];
    }
    const nested = replies.flatMap((reply) => (shown.has(reply.id) ? [] : branch(reply, depth + 1)));
    return [commentItem(site, comment, nested.length > 0 ? html`<ol class="children">${nested}</ol>` : html``)];
  };
  const items: SafeHtml[] = [];
  const isRoot = (c: Comment) => c.parentId === null || c.parentId === c.id || !ids.has(c.parentId);
  for (const comment of comments) if (isRoot(comment) && !shown.has(comment.id)) items.push(...branch(comment, 1));
  // Whatever a loop of parents kept out is shown at the top level.
  for (const comment of comments) if (!shown.has(comment.id)) items.push(...branch(comment, 1));
  return html`<ol class="comment-list">${items}</ol>`;
}

function pings(site: RenderSite, list: Comment[]): SafeHtml {
  const labels = { pingback: 'Pingback', trackback: 'Trackback', comment: 'Comment' } as const;
  const title = `${list.length} ${list.length === 1 ? 'pingback or trackback' : 'pingbacks and trackbacks'}`;
  return html`<section class="pings" aria-labelledby="pings-title"><h2 id="pings-title">${title}</h2><ul>${list.map(
    (ping) => html`<li class="ping" id="comment-${ping.id}">${labels[ping.kind]}: ${author(ping)} · ${when(site, ping)}</li>`,
  )}</ul></section>`;
}

/** The comments section for a post's approved comments, oldest first; '' when there are none. */
export function renderComments(site: RenderSite, approved: readonly Comment[]): string {
  const ordered = [...approved].sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1));
  const comments = ordered.filter((c) => c.kind === 'comment');
  const pinged = ordered.filter((c) => c.kind !== 'comment');
  if (comments.length === 0 && pinged.length === 0) return '';
  const title = `${comments.length} ${comments.length === 1 ? 'comment' : 'comments'}`;
  return html`<div class="discussion" id="comments">${
    comments.length > 0 ? html`<section class="comments" aria-labelledby="comments-title"><h2 id="comments-title">${title}</h2>${threads(site, comments)}</section>` : ''
  }${pinged.length > 0 ? pings(site, pinged) : ''}</div>`.value;
}
