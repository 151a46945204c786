import type { FastifyInstance } from 'fastify';
import type { Store } from '../content/store.js';
import type { Clock } from '../lib/clock.js';
import type { SiteContext } from '../site/site-context.js';
import { wpContext, type WpContext } from './context.js';
import { commentRoutes } from './comments.js';
import { postRoutes } from './posts.js';
import { searchRoutes } from './search.js';
import { termRoutes } from './terms.js';
import { userAndMediaRoutes } from './users-media.js';
import { WpError, wpErrorHandler, wpNotFoundHandler } from './wp-error.js';
import type { ExpensiveRouteLimit } from '../rate-limit/expensive-routes.js';
import { cacheAs } from '../response-cache/serve-cached.js';
import { cacheTags } from '../response-cache/cache-tags.js';
import type { ChangeKind } from '../content/store-changes.js';

export interface WpJsonRoutesOptions {
  store: Store;
  clock: Clock;
  /** The current site context; replaced when settings change. */
  site: () => SiteContext;
  /** The per-address limit on expensive routes (src/rate-limit/); absent, none. */
  limitExpensive?: ExpensiveRouteLimit;
}

export interface WpRoutesOptions {
  store: Store;
  clock: Clock;
  context: () => WpContext;
}

const ROUTES = ['posts', 'pages', 'categories', 'tags', 'users', 'media', 'comments'];

/**
 * What each collection's answers show, for the response cache: a change of
 * any of these kinds drops them (a post's object names its terms, author and
 * picture; a term's or author's carries its count of posts). Coarser than
 * the site's pages, which name each story: clients of the API ask for many
 * shapes of the same lists, and a story edit is rare beside their reads.
 */
const SHOWS: Record<string, ChangeKind[]> = {
  posts: ['post', 'term', 'author', 'media'],
  pages: ['post', 'term', 'author', 'media'],
  categories: ['term', 'post'],
  tags: ['term', 'post'],
  users: ['author', 'post'],
  media: ['media'],
  comments: ['comments', 'post'],
  search: ['post', 'term', 'author'],
};

/**
 * The read side of WordPress's REST API at /wp-json/, for headless front ends
 * written against WordPress. Errors inside it take WordPress's shape.
 */
export async function wpJsonRoutes(app: FastifyInstance, options: WpJsonRoutesOptions): Promise<void> {
  // The context follows the site's address and zone, rebuilt only when they change.
  let cached: { key: string; context: WpContext } | undefined;
  const context = () => {
    const site = options.site();
    const { siteUrl, settings } = site;
    const key = `${siteUrl} ${settings.timezone}`;
    if (cached?.key !== key) cached = { key, context: wpContext({ siteUrl, timeZone: settings.timezone, mediaBase: site.absolute(site.mediaBase) }) };
    return cached.context;
  };

  await app.register(
    async (scope) => {
      scope.setErrorHandler(wpErrorHandler);
      scope.setNotFoundHandler(wpNotFoundHandler);
      // Every answer under /wp/v2/ is a query (a list, a search, an object with its embeds); the index is not.
      scope.addHook('onRequest', async (request) => {
        if (!request.url.startsWith('/wp-json/wp/v2')) return;
        const refused = await options.limitExpensive?.(request.ip);
        if (refused) {
          throw new WpError('rest_too_many_requests', `Too many requests from your address; try again in ${refused.retryAfterSeconds} seconds.`, 429, {
            retry_after: refused.retryAfterSeconds,
          });
        }
      });
      // Public reads are kept by the response cache (src/response-cache/), which never answers staff's own requests.
      scope.addHook('preHandler', async (request, reply) => {
        if (request.method !== 'GET' && request.method !== 'HEAD') return;
        const collection = /^\/wp-json\/wp\/v2\/(\w+)/.exec(request.url)?.[1];
        if (collection === undefined) cacheAs(reply, []);
        else if (SHOWS[collection]) cacheAs(reply, SHOWS[collection].map(cacheTags.kind));
      });
      const routeOptions = { store: options.store, clock: options.clock, context };

      scope.get('/', async (_request, reply) => {
        const { settings } = options.site();
        const { siteUrl, apiUrl } = context();
        const routes: Record<string, object> = { '/wp/v2': { namespace: 'wp/v2', methods: ['GET'], _links: { self: [{ href: `${apiUrl}/wp/v2` }] } } };
        for (const name of ROUTES) {
          routes[`/wp/v2/${name}`] = { namespace: 'wp/v2', methods: ['GET'], _links: { self: [{ href: `${apiUrl}/wp/v2/${name}` }] } };
          routes[`/wp/v2/${name}/(?P<id>[\\d]+)`] = { namespace: 'wp/v2', methods: ['GET'] };
        }
        routes['/wp/v2/search'] = { namespace: 'wp/v2', methods: ['GET'], _links: { self: [{ href: `${apiUrl}/wp/v2/search` }] } };
        return reply.header('cache-control', 'public, max-age=60').send({
          name: settings.title,
          description: settings.tagline,
          url: siteUrl,
          home: siteUrl,
          gmt_offset: 0,
          timezone_string: settings.timezone,
          namespaces: ['wp/v2'],
          authentication: {},
          routes,
          _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
        });
      });

      postRoutes(scope, { ...routeOptions, type: 'post' });
      postRoutes(scope, { ...routeOptions, type: 'page' });
      termRoutes(scope, routeOptions);
      userAndMediaRoutes(scope, routeOptions);
      searchRoutes(scope, routeOptions);
      commentRoutes(scope, routeOptions);
    },
    { prefix: '/wp-json' },
  );
}
