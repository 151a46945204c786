import type { FastifyInstance } from 'fastify';
import type { WpRoutesOptions } from './routes.js';
import { idList, integer, list, normaliseQuery, paging, text } from './params.js';
import { sendOne, sendPage } from './respond.js';
import { toWpMedia } from './media-object.js';
import { toWpUser } from './term-objects.js';
import { WpError } from './wp-error.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';

/**
 * `users` (authors of public posts, as WordPress shows them to readers who are
 * not signed in) and `media` (pictures that public posts show).
 */
export function userAndMediaRoutes(app: FastifyInstance, options: WpRoutesOptions) {
  const { store } = options;
  const now = () => options.clock.now().toISOString();

  app.get('/wp/v2/users', async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    const result = await store.wpJson.listAuthors({ offset, limit: perPage, now: now(), search: text(query, 'search'), slugs: list(query, 'slug'), includeIds: idList(query, 'include') });
    const context = options.context();
    return sendPage({ request, reply, query, items: result.items.map((user) => toWpUser(user, context)), total: result.total, page, perPage, collectionUrl: `${context.apiUrl}/wp/v2/users`, pastEndCode: 'rest_user_invalid_page_number' });
  });

  app.get<{ Params: { id: string } }>('/wp/v2/users/:id(^\\d+)', async (request, reply) => {
    const id = integer({ id: request.params.id }, { name: 'id', min: 1, max: MAX_RECORD_ID, fallback: 0 });
    const [user] = (await store.wpJson.listAuthors({ offset: 0, limit: 1, now: now(), includeIds: [id] })).items;
    if (!user) throw new WpError('rest_user_invalid_id', 'Invalid user ID.', 404);
    return sendOne(reply, normaliseQuery(request.query), toWpUser(user, options.context()));
  });

  app.get('/wp/v2/media', async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    const result = await store.wpJson.listMedia({ offset, limit: perPage, now: now(), includeIds: idList(query, 'include') });
    const context = options.context();
    return sendPage({ request, reply, query, items: result.items.map((media) => toWpMedia(media, context)), total: result.total, page, perPage, collectionUrl: `${context.apiUrl}/wp/v2/media`, pastEndCode: 'rest_post_invalid_page_number' });
  });

  app.get<{ Params: { id: string } }>('/wp/v2/media/:id(^\\d+)', async (request, reply) => {
    const id = integer({ id: request.params.id }, { name: 'id', min: 1, max: MAX_RECORD_ID, fallback: 0 });
    const [media] = (await store.wpJson.listMedia({ offset: 0, limit: 1, now: now(), includeIds: [id] })).items;
    if (!media) throw new WpError('rest_post_invalid_id', 'Invalid post ID.', 404);
    return sendOne(reply, normaliseQuery(request.query), toWpMedia(media, options.context()));
  });
}
