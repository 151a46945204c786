import type { FastifyInstance } from 'fastify';
import type { WpTermQuery } from '../content/store-wp-json.js';
import type { WpRoutesOptions } from './routes.js';
import { choice, idList, integer, list, normaliseQuery, paging, text, type Query } from './params.js';
import { sendOne, sendPage } from './respond.js';
import { toWpCategory, toWpTag, type TermLike } from './term-objects.js';
import { WpError } from './wp-error.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';

/**
 * `categories` and `tags`, by name. `post=ID` gives a public post's own terms
 * (what a post's `wp:term` links ask for).
 */
export function termRoutes(app: FastifyInstance, options: WpRoutesOptions) {
  const { store } = options;

  async function termQuery(query: Query, taxonomy: 'category' | 'tag'): Promise<WpTermQuery & { page: number; perPage: number }> {
    const { page, perPage, offset } = paging(query);
    const now = options.clock.now().toISOString();
    let includeIds = idList(query, 'include');
    const postId = idList(query, 'post')?.[0];
    if (postId !== undefined) {
      const post = await store.wpJson.findPost({ kind: 'article', id: postId, now });
      const ids = !post ? [] : taxonomy === 'category' ? (post.teaser.category ? [post.teaser.category.id] : []) : post.details.tags.map((tag) => tag.id);
      includeIds = includeIds ? includeIds.filter((id) => ids.includes(id)) : ids;
    }
    return {
      page,
      perPage,
      offset,
      limit: perPage,
      now,
      search: text(query, 'search'),
      slugs: list(query, 'slug'),
      includeIds,
      isHidingEmpty: choice(query, { name: 'hide_empty', allowed: ['true', 'false', '1', '0'] as const, fallback: 'false' }).match(/^(true|1)$/) !== null,
    };
  }

  for (const taxonomy of ['category', 'tag'] as const) {
    const base = taxonomy === 'category' ? '/wp/v2/categories' : '/wp/v2/tags';
    const listTerms = (q: WpTermQuery) => (taxonomy === 'category' ? store.wpJson.listCategories(q) : store.wpJson.listTags(q));
    const toObject = (term: TermLike) =>
      taxonomy === 'category' ? toWpCategory(term, options.context()) : toWpTag(term, options.context());

    app.get(base, async (request, reply) => {
      const query = normaliseQuery(request.query);
      const parsed = await termQuery(query, taxonomy);
      const result = await listTerms(parsed);
      return sendPage({
        request,
        reply,
        query,
        items: result.items.map((term) => toObject(term)),
        total: result.total,
        page: parsed.page,
        perPage: parsed.perPage,
        collectionUrl: options.context().apiUrl + base,
        pastEndCode: 'rest_invalid_page_number',
      });
    });

    app.get<{ Params: { id: string } }>(`${base}/:id(^\\d+)`, async (request, reply) => {
      const id = integer({ id: request.params.id }, { name: 'id', min: 1, max: MAX_RECORD_ID, fallback: 0 });
      const result = await listTerms({ offset: 0, limit: 1, includeIds: [id], isHidingEmpty: false, now: options.clock.now().toISOString() });
      const term = result.items[0];
      if (!term) throw new WpError('rest_term_invalid', 'Term does not exist.', 404);
      return sendOne(reply, normaliseQuery(request.query), toObject(term));
    });
  }
}
