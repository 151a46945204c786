import type { User } from '../content/types.js';
import { escapeHtml } from '../lib/html.js';
import { urls } from '../render/urls.js';
import type { WpContext } from './context.js';

/** A term as stored, or as a post refers to it (no description, no count). */
export interface TermLike {
  id: number;
  slug: string;
  name: string;
  description?: string | null;
  parentId?: number | null;
  count?: number;
}

/** A category as WordPress shows it; `count` only when known (embedded terms leave it out, as WordPress's embed context does). */
export function toWpCategory(category: TermLike, context: WpContext) {
  return {
    id: category.id,
    ...(category.count === undefined ? {} : { count: category.count, description: category.description ?? '' }),
    link: context.siteUrl + urls.category(category.slug),
    name: escapeHtml(category.name),
    slug: category.slug,
    taxonomy: 'category',
    ...(category.count === undefined ? {} : { parent: category.parentId ?? 0, meta: [] }),
    _links: {
      self: [{ href: `${context.apiUrl}/wp/v2/categories/${category.id}` }],
      collection: [{ href: `${context.apiUrl}/wp/v2/categories` }],
    },
  };
}

export function toWpTag(tag: TermLike, context: WpContext) {
  return {
    id: tag.id,
    ...(tag.count === undefined ? {} : { count: tag.count, description: tag.description ?? '' }),
    link: context.siteUrl + urls.tag(tag.slug),
    name: escapeHtml(tag.name),
    slug: tag.slug,
    taxonomy: 'post_tag',
    ...(tag.count === undefined ? {} : { meta: [] }),
    _links: {
      self: [{ href: `${context.apiUrl}/wp/v2/tags/${tag.id}` }],
      collection: [{ href: `${context.apiUrl}/wp/v2/tags` }],
    },
  };
}

/** A user as readers may see one: never the email address or the role. */
export function toWpUser(user: User, context: WpContext) {
  return {
    id: user.id,
    name: user.name,
    url: '',
    description: user.bio ?? '',
    link: context.siteUrl + urls.author(user.slug),
    slug: user.slug,
    avatar_urls: {},
    meta: [],
    _links: {
      self: [{ href: `${context.apiUrl}/wp/v2/users/${user.id}` }],
      collection: [{ href: `${context.apiUrl}/wp/v2/users` }],
    },
  };
}
