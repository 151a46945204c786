import type { FastifyInstance } from 'fastify';
import type { CommentKind } from '../content/store-comments.js';
import type { WpCommentOrderBy, WpCommentRow } from '../content/store-wp-json.js';
import { isSameSecret } from '../lib/same-secret.js';
import { toWpComment } from './comment-object.js';
import type { WpContext } from './context.js';
import { choice, date, idList, integer, normaliseQuery, paging, text, type Query } from './params.js';
import { toWpPost } from './post-object.js';
import { PRIVATE, sendOne, sendPage } from './respond.js';
import type { WpRoutesOptions } from './routes.js';
import { WpError } from './wp-error.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';

const ORDER_BY = ['date', 'date_gmt', 'id', 'post', 'parent'] as const;

/** WordPress answers a reader (not signed in) who asks for anything but approved comments with this. */
function notPermitted(name: string): WpError {
  return new WpError('rest_forbidden_param', `Query parameter not permitted: ${name}`, 401);
}

function cannotReadPost(): WpError {
  return new WpError('rest_cannot_read_post', 'Sorry, you are not allowed to read the post for this comment.', 401);
}

/** The request's `password`, as given (it is compared, not searched for). */
function password(query: Query): string | undefined {
  return typeof query.password === 'string' && query.password !== '' ? query.password : undefined;
}

/** `_embed`'s `up`: each comment's post, as WordPress embeds it. */
async function embedPosts(options: WpRoutesOptions, rows: WpCommentRow[], context: WpContext): Promise<Array<Record<string, unknown>>> {
  const ids = [...new Set(rows.map((row) => row.comment.postId))];
  const now = options.clock.now().toISOString();
  const { items } = ids.length > 0 ? await options.store.wpJson.listPosts({ kinds: ['article', 'page'], now, offset: 0, limit: ids.length, includeIds: ids, orderBy: 'id', isAscending: true }) : { items: [] };
  const posts = new Map(items.map((row) => [row.teaser.id, toWpPost(row, { type: row.teaser.kind === 'page' ? 'page' : 'post', context })]));
  return rows.map((row) => {
    const post = posts.get(row.comment.postId);
    if (!post) return {};
    const { id, date, slug, type, link, title, excerpt, author, featured_media, _links } = post;
    return { up: [{ id, date, slug, type, link, title, excerpt, author, featured_media, _links }] };
  });
}

/**
 * `comments`: approved comments on public posts, as WordPress lists them to
 * readers who are not signed in: only `type=comment` (pingbacks and
 * trackbacks are shown on the page, not here) and only `status=approve`.
 * A protected post's comments need its `password`, with `post` naming it alone.
 */
export function commentRoutes(app: FastifyInstance, options: WpRoutesOptions) {
  const { store } = options;

  app.get('/wp/v2/comments', async (request, reply) => {
    const query = normaliseQuery(request.query);
    const { page, perPage, offset } = paging(query);
    const type = text(query, 'type') ?? 'comment';
    if (type !== 'comment') throw notPermitted('type');
    const status = text(query, 'status') ?? 'approve';
    if (status !== 'approve' && status !== 'approved') throw notPermitted('status');
    const now = options.clock.now().toISOString();
    const postIds = idList(query, 'post');
    const unlockedPostIds: number[] = [];
    if (postIds) {
      // As WordPress checks them: each named post must be one a reader may read; a protected one only with its password, named alone.
      const given = password(query);
      for (const post of await store.wpJson.postAccess(postIds, now)) {
        if (!post.isPublic) throw cannotReadPost();
        if (post.password === null) continue;
        if (postIds.length !== 1 || given === undefined || !isSameSecret(given, post.password)) throw cannotReadPost();
        unlockedPostIds.push(post.id);
      }
    }
    const orderBy = choice(query, { name: 'orderby', allowed: ORDER_BY, fallback: 'date_gmt' });
    const result = await store.wpJson.listComments({
      now,
      offset,
      limit: perPage,
      kinds: [type as CommentKind],
      postIds,
      parentIds: idList(query, 'parent'),
      includeIds: idList(query, 'include'),
      excludeIds: idList(query, 'exclude'),
      search: text(query, 'search'),
      after: date(query, 'after'),
      before: date(query, 'before'),
      orderBy: (orderBy === 'date_gmt' ? 'date' : orderBy) satisfies WpCommentOrderBy,
      isAscending: choice(query, { name: 'order', allowed: ['asc', 'desc'] as const, fallback: 'desc' }) === 'asc',
      unlockedPostIds,
    });
    const context = options.context();
    const objects = result.items.map((row) => toWpComment(row, { context }));
    const embedded = query._embed !== undefined ? await embedPosts(options, result.items, context) : undefined;
    return sendPage({
      request,
      reply,
      query,
      items: objects.map((object, i) => (embedded ? { ...object, _embedded: embedded[i] } : object)),
      total: result.total,
      page,
      perPage,
      collectionUrl: `${context.apiUrl}/wp/v2/comments`,
      pastEndCode: 'rest_comment_invalid_page_number',
      cacheControl: unlockedPostIds.length > 0 ? PRIVATE : undefined,
    });
  });

  app.get<{ Params: { id: string } }>('/wp/v2/comments/:id(^\\d+)', async (request, reply) => {
    const query = normaliseQuery(request.query);
    const id = integer({ id: request.params.id }, { name: 'id', min: 1, max: MAX_RECORD_ID, fallback: 0 });
    const found = await store.wpJson.findComment(id, options.clock.now().toISOString());
    if (!found) throw new WpError('rest_comment_invalid_id', 'Invalid comment ID.', 404);
    const given = password(query);
    const isUnlocked = found.post.password !== null && given !== undefined && isSameSecret(given, found.post.password);
    if (!found.isApproved || !found.post.isPublic || (found.post.password !== null && !isUnlocked)) {
      throw new WpError('rest_cannot_read', 'Sorry, you are not allowed to read this comment.', 401);
    }
    const context = options.context();
    const object = toWpComment(found, { context });
    const cacheControl = isUnlocked ? PRIVATE : undefined;
    if (query._embed === undefined) return sendOne(reply, query, object, { cacheControl });
    const [embedded] = await embedPosts(options, [found], context);
    return sendOne(reply, query, { ...object, _embedded: embedded }, { cacheControl });
  });
}
