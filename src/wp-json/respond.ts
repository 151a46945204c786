import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Query } from './params.js';
import { list } from './params.js';
import { WpError } from './wp-error.js';

/** Answers may be kept a minute by a CDN or browser, like the site's pages. */
const CACHE_CONTROL = 'public, max-age=60';

/** An answer that depends on who asked (a signed-in member of staff, or a post's password): kept by no cache. */
export const PRIVATE = 'private, no-store';

/** `_fields=id,title`: only those top-level fields (and `_links`/`_embedded` only when named). */
export function pickFields<T extends object>(item: T, fields: string[] | undefined): Partial<T> {
  if (!fields) return item;
  const names = new Set(fields.map((field) => field.split('.')[0]!));
  return Object.fromEntries(Object.entries(item).filter(([key]) => names.has(key))) as Partial<T>;
}

export function sendOne(reply: FastifyReply, query: Query, item: object, options: { cacheControl?: string } = {}) {
  return reply.header('cache-control', options.cacheControl ?? CACHE_CONTROL).send(pickFields(item, list(query, '_fields')));
}

/**
 * A page of a listing with WordPress's headers: the totals, and `Link`
 * rel="prev"/"next" carrying the request's own parameters.
 */
export function sendPage(input: {
  request: FastifyRequest;
  reply: FastifyReply;
  query: Query;
  items: object[];
  total: number;
  page: number;
  perPage: number;
  /** The absolute URL of the collection, without query. */
  collectionUrl: string;
  /** WordPress's code for a page past the end: rest_post_invalid_page_number for posts. */
  pastEndCode: string;
  /** PRIVATE when the answer depends on who asked. */
  cacheControl?: string;
}) {
  const { reply, total, page, perPage } = input;
  const totalPages = Math.ceil(total / perPage);
  if (page > 1 && page > totalPages) {
    throw new WpError(input.pastEndCode, 'The page number requested is larger than the number of pages available.', 400);
  }
  const links: string[] = [];
  const at = (n: number) => {
    const url = new URL(input.request.url, input.collectionUrl);
    const target = new URL(input.collectionUrl);
    target.search = url.search;
    target.searchParams.set('page', String(n));
    return target.href;
  };
  if (page > 1) links.push(`<${at(page - 1)}>; rel="prev"`);
  if (page < totalPages) links.push(`<${at(page + 1)}>; rel="next"`);
  if (links.length > 0) reply.header('link', links.join(', '));
  const fields = list(input.query, '_fields');
  return reply
    .header('x-wp-total', String(total))
    .header('x-wp-totalpages', String(totalPages))
    .header('cache-control', input.cacheControl ?? CACHE_CONTROL)
    .send(input.items.map((item) => pickFields(item, fields)));
}
