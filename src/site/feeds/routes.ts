import type { FastifyInstance } from 'fastify';
import { readLatestTeasers } from '../../operations/read-site.js';
import type { SiteRoutesOptions } from '../routes.js';
import { rssFeed } from './rss.js';

/** Pages may be kept a minute by a CDN or feed reader. */
const FEED_CACHE = 'public, max-age=60';

/** The site's feeds. */
export async function feedRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  const { context } = options;
  app.get('/feed/', async (_request, reply) => {
    const site = options.site();
    const items = await readLatestTeasers(context, { limit: 20 });
    return reply.header('content-type', 'application/rss+xml; charset=utf-8').header('cache-control', FEED_CACHE).send(rssFeed(site, items));
  });
}
