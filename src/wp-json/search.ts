import type { FastifyInstance } from 'fastify';
import type { WpRoutesOptions } from './routes.js';
import { choice, normaliseQuery, paging, text } from './params.js';
import { sendPage } from './respond.js';
import { urls } from '../render/urls.js';
import { escapeHtml } from '../lib/html.js';

/** `search`: public articles and pages matching the words, newest first, as WordPress's post search handler lists them. */
export function searchRoutes(app: FastifyInstance, options: WpRoutesOptions) {
  app.get('/wp/v2/search', async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    choice(query, { name: 'type', allowed: ['post'] as const, fallback: 'post' });
    const subtype = choice(query, { name: 'subtype', allowed: ['any', 'post', 'page'] as const, fallback: 'any' });
    const kinds = subtype === 'any' ? (['article', 'page'] as const) : subtype === 'post' ? (['article'] as const) : (['page'] as const);
    const result = await options.store.wpJson.listPosts({
      kinds: [...kinds],
      now: options.clock.now().toISOString(),
      offset,
      limit: perPage,
      search: text(query, 'search'),
      orderBy: 'date',
      isAscending: false,
    });
    const context = options.context();
    const items = result.items.map((row) => {
      const rest = row.teaser.kind === 'page' ? 'pages' : 'posts';
      return {
        id: row.teaser.id,
        title: escapeHtml(row.teaser.title),
        url: context.siteUrl + urls.post(row.teaser.slug),
        type: 'post',
        subtype: row.teaser.kind === 'page' ? 'page' : 'post',
        _links: { self: [{ embeddable: true, href: `${context.apiUrl}/wp/v2/${rest}/${row.teaser.id}` }] },
      };
    });
    return sendPage({ request, reply, query, items, total: result.total, page, perPage, collectionUrl: `${context.apiUrl}/wp/v2/search`, pastEndCode: 'rest_search_invalid_page_number' });
  });
}
