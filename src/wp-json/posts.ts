import type { FastifyInstance } from 'fastify';
import type { WpPostOrderBy } from '../content/store-wp-json.js';
import type { WpRoutesOptions } from './routes.js';
import { choice, date, idList, integer, list, normaliseQuery, paging, text, type Query } from './params.js';
import { REST_BASE, toWpPost, type WpType } from './post-object.js';
import { embedFor } from './embed.js';
import { PRIVATE, sendOne, sendPage } from './respond.js';
import { singleReach, statusReach } from './staff-reach.js';
import { invalidParam, WpError } from './wp-error.js';
import { isSameSecret } from '../lib/same-secret.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';

const ORDER_BY: readonly WpPostOrderBy[] = ['date', 'id', 'title', 'slug', 'modified'];

/** `sticky=true|false` (posts only): WordPress reads booleans as true/false or 1/0. */
function sticky(query: Query): boolean | undefined {
  const value = query.sticky;
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw invalidParam('sticky', 'sticky is not of type boolean.');
}

/**
 * `posts` and `pages`: public ones for anyone; with `status`, signed-in staff
 * also get the statuses they ask for (see staff-reach.ts). A protected post's
 * content and excerpt come only with its `password`.
 */
export function postRoutes(app: FastifyInstance, options: WpRoutesOptions & { type: WpType }) {
  const { type, store } = options;
  const kind = type === 'post' ? 'article' : 'page';
  const base = `/wp/v2/${REST_BASE[type]}`;

  app.get(base, async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    const reach = await statusReach(request, query, options);
    const now = options.clock.now().toISOString();
    const result = await store.wpJson.listPosts({
      kinds: [kind],
      now,
      offset,
      limit: perPage,
      search: text(query, 'search'),
      slugs: list(query, 'slug'),
      includeIds: idList(query, 'include'),
      categoryIds: type === 'post' ? idList(query, 'categories') : undefined,
      tagIds: type === 'post' ? idList(query, 'tags') : undefined,
      authorIds: idList(query, 'author'),
      publishedAfter: date(query, 'after'),
      publishedBefore: date(query, 'before'),
      orderBy: choice(query, { name: 'orderby', allowed: ORDER_BY, fallback: 'date' }),
      isAscending: choice(query, { name: 'order', allowed: ['asc', 'desc'] as const, fallback: 'desc' }) === 'asc',
      reach,
      isSticky: type === 'post' ? sticky(query) : undefined,
    });
    const context = options.context();
    const objects = result.items.map((row) => toWpPost(row, { type, context }));
    const embedded = query._embed !== undefined ? await embedFor({ rows: result.items, type, store, context }) : undefined;
    return sendPage({
      request,
      reply,
      query,
      items: objects.map((object, i) => (embedded ? { ...object, _embedded: embedded[i] } : object)),
      total: result.total,
      page,
      perPage,
      collectionUrl: context.apiUrl + base,
      pastEndCode: 'rest_post_invalid_page_number',
      cacheControl: reach ? PRIVATE : undefined,
    });
  });

  app.get<{ Params: { id: string } }>(`${base}/:id(^\\d+)`, async (request, reply) => {
    const query = normaliseQuery(request.query);
    const id = integer({ id: request.params.id }, { name: 'id', min: 1, max: MAX_RECORD_ID, fallback: 0 });
    const now = options.clock.now().toISOString();
    let row = await store.wpJson.findPost({ kind, id, now });
    // Not public: a signed-in member of staff may still read it, as in the newsroom. Only then is the session looked up.
    const reach = row ? undefined : await singleReach(request, options);
    if (reach) row = await store.wpJson.findPost({ kind, id, now, reach });
    if (!row) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    // Taken as given, spaces and all: it is compared, not searched for.
    const password = typeof query.password === 'string' && query.password !== '' ? query.password : undefined;
    // WordPress refuses a wrong password outright, rather than answer as if none had been given.
    if (password !== undefined && row.password !== null && !isSameSecret(password, row.password)) {
      throw new WpError('rest_post_incorrect_password', 'Incorrect post password.', 403);
    }
    const isUnlocked = password !== undefined && row.password !== null;
    const context = options.context();
    const object = toWpPost(row, { type, context, isUnlocked });
    const cacheControl = reach || isUnlocked ? PRIVATE : undefined;
    if (query._embed === undefined) return sendOne(reply, query, object, { cacheControl });
    const [embedded] = await embedFor({ rows: [row], type, store, context });
    return sendOne(reply, query, { ...object, _embedded: embedded }, { cacheControl });
  });
}
