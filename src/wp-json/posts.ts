import type { FastifyInstance } from 'fastify';
import type { WpPostOrderBy } from '../content/store-wp-json.js';
import type { WpRoutesOptions } from './routes.js';
import { choice, date, idList, integer, list, normaliseQuery, paging, text } from './params.js';
import { REST_BASE, toWpPost, type WpType } from './post-object.js';
import { embedFor } from './embed.js';
import { sendOne, sendPage } from './respond.js';
import { WpError } from './wp-error.js';

const ORDER_BY: readonly WpPostOrderBy[] = ['date', 'id', 'title', 'slug', 'modified'];

/** `posts` and `pages`: public ones only, whoever asks (`status` for signed-in staff is not offered yet). */
export function postRoutes(app: FastifyInstance, options: WpRoutesOptions & { type: WpType }) {
  const { type, store } = options;
  const kind = type === 'post' ? 'article' : 'page';
  const base = `/wp/v2/${REST_BASE[type]}`;

  app.get(base, async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    const status = text(query, 'status');
    // Drafts and scheduled posts are the newsroom's; asking for them here gets WordPress's refusal.
    if (status !== undefined && status !== 'publish') throw new WpError('rest_invalid_param', 'Invalid parameter(s): status', 400, { params: { status: 'Status is forbidden.' } });
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
    });
  });

  app.get<{ Params: { id: string } }>(`${base}/:id(^\\d+)`, async (request, reply) => {
    const query = normaliseQuery(request.query);
    const id = integer({ id: request.params.id }, { name: 'id', min: 1, fallback: 0 });
    const row = await store.wpJson.findPost({ kind, id, now: options.clock.now().toISOString() });
    if (!row) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    const context = options.context();
    const object = toWpPost(row, { type, context });
    if (query._embed === undefined) return sendOne(reply, query, object);
    const [embedded] = await embedFor({ rows: [row], type, store, context });
    return sendOne(reply, query, { ...object, _embedded: embedded });
  });
}
