import type { WpPostRow } from '../content/store-wp-json.js';
import { escapeHtml } from '../lib/html.js';
import { urls } from '../render/urls.js';
import { withAbsoluteUrls } from '../site/feeds/feed-content.js';
import { gmtDate, type WpContext } from './context.js';

export type WpType = 'post' | 'page';

/** The endpoint a type is listed at. */
export const REST_BASE: Record<WpType, string> = { post: 'posts', page: 'pages' };

/**
 * A public post as WordPress's `posts` and `pages` endpoints show it. The
 * content is our own rendering of the body document, so it is safe HTML; its
 * addresses are made absolute because a headless front end serves it elsewhere.
 */
export function toWpPost(row: WpPostRow, input: { type: WpType; context: WpContext }) {
  const { teaser, details } = row;
  const { type, context } = input;
  const link = context.siteUrl + urls.post(teaser.slug);
  const author = teaser.authors[0]?.id ?? 0;
  const api = `${context.apiUrl}/wp/v2`;
  const summary = teaser.excerpt || details.summary;
  const links = {
    self: [{ href: `${api}/${REST_BASE[type]}/${teaser.id}` }],
    collection: [{ href: `${api}/${REST_BASE[type]}` }],
    author: [{ embeddable: true, href: `${api}/users/${author}` }],
    ...(row.featuredMediaId ? { 'wp:featuredmedia': [{ embeddable: true, href: `${api}/media/${row.featuredMediaId}` }] } : {}),
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
    date_gmt: gmtDate(teaser.publishedAt),
    guid: { rendered: `${context.siteUrl}/?p=${teaser.id}` },
    modified: context.localDate(teaser.updatedAt),
    modified_gmt: gmtDate(teaser.updatedAt),
    slug: teaser.slug,
    status: 'publish',
    type,
    link,
    title: { rendered: escapeHtml(teaser.title) },
    content: { rendered: withAbsoluteUrls(row.bodyHtml, link), protected: false },
    excerpt: { rendered: summary ? `<p>${escapeHtml(summary)}</p>\n` : '', protected: false },
    author,
    featured_media: row.featuredMediaId ?? 0,
    comment_status: 'closed',
    ping_status: 'closed',
    template: '',
    meta: [],
    ...(type === 'post'
      ? { sticky: false, format: 'standard', categories: teaser.category ? [teaser.category.id] : [], tags: details.tags.map((tag) => tag.id) }
      : { parent: 0, menu_order: 0 }),
    _links: links,
  };
}
