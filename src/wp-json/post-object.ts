import type { WpPostRow } from '../content/store-wp-json.js';
import { escapeHtml } from '../lib/html.js';
import { urls } from '../render/urls.js';
import { withAbsoluteUrls } from '../site/feeds/feed-content.js';
import { gmtDate, type WpContext } from './context.js';
import { WP_STATUS } from './staff-reach.js';

export type WpType = 'post' | 'page';

/** The endpoint a type is listed at. */
export const REST_BASE: Record<WpType, string> = { post: 'posts', page: 'pages' };

/**
 * A post as WordPress's `posts` and `pages` endpoints show it. The content is
 * our own rendering of the body document, so it is safe HTML; its addresses
 * are made absolute because a headless front end serves it elsewhere. A
 * password-protected post's content and excerpt are empty, marked
 * `protected`, unless the request gave its password (`isUnlocked`), as
 * WordPress answers.
 */
export function toWpPost(row: WpPostRow, input: { type: WpType; context: WpContext; isUnlocked?: boolean }) {
  const { teaser, details } = row;
  const { type, context } = input;
  const link = context.siteUrl + urls.post(teaser.slug);
  const author = teaser.authors[0]?.id ?? 0;
  const api = `${context.apiUrl}/wp/v2`;
  const isProtected = row.password !== null;
  const isShown = !isProtected || input.isUnlocked === true;
  // A protected post's stored summary is WordPress's notice; the one who gave the password gets its own excerpt.
  const summary = isProtected ? row.excerpt : teaser.excerpt || details.summary;
  // A draft never given a date has none in UTC yet: WordPress's "floating" date.
  const isFloating = row.publishedAt === null && (row.status === 'draft' || row.status === 'pending');
  const links = {
    self: [{ href: `${api}/${REST_BASE[type]}/${teaser.id}` }],
    collection: [{ href: `${api}/${REST_BASE[type]}` }],
    author: [{ embeddable: true, href: `${api}/users/${author}` }],
    ...(row.featuredMediaId ? { 'wp:featuredmedia': [{ embeddable: true, href: `${api}/media/${row.featuredMediaId}` }] } : {}),
    replies: [{ embeddable: true, href: `${api}/comments?post=${teaser.id}` }],
    ...(type === 'post'
      ? {
          'wp:term': [
            { taxonomy: 'category', embeddable: true, href: `${api}/categories?post=${teaser.id}` },
            { taxonomy: 'post_tag', embeddable: true, href: `${api}/tags?post=${teaser.id}` },
          ],
        }
      : {}),
  };
  return {
    id: teaser.id,
    date: context.localDate(teaser.publishedAt),
    date_gmt: isFloating ? null : gmtDate(teaser.publishedAt),
    guid: { rendered: `${context.siteUrl}/?p=${teaser.id}` },
    modified: context.localDate(teaser.updatedAt),
    modified_gmt: gmtDate(teaser.updatedAt),
    slug: teaser.slug,
    status: WP_STATUS[row.status],
    type,
    link,
    title: { rendered: escapeHtml(teaser.title) },
    content: { rendered: isShown ? withAbsoluteUrls(row.bodyHtml, link, context.mediaBase) : '', protected: isProtected },
    excerpt: { rendered: isShown && summary ? `<p>${escapeHtml(summary)}</p>\n` : '', protected: isProtected },
    author,
    featured_media: row.featuredMediaId ?? 0,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    ...(type === 'post'
      ? { sticky: row.isSticky, format: 'standard', categories: teaser.category ? [teaser.category.id] : [], tags: details.tags.map((tag) => tag.id) }
      : { parent: 0, menu_order: 0 }),
    _links: links,
  };
}
