import type { FastifyInstance } from 'fastify';
import type { SiteRoutesOptions } from '../routes.js';
import { robotsTxt, sitemapXml, SITEMAP_LIMIT } from './sitemap-xml.js';

const SITEMAP_CACHE = 'public, max-age=60';

/** Sitemaps and robots.txt: what search engines read to find the site's pages. */
export async function sitemapRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  const { context } = options;
  app.get('/sitemap.xml', async (_request, reply) => {
    const entries = await context.store.posts.listForSitemap({ now: context.clock.now().toISOString(), limit: SITEMAP_LIMIT - 1 });
    return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', SITEMAP_CACHE).send(sitemapXml(options.site(), entries));
  });

  app.get('/robots.txt', async (_request, reply) => reply.header('content-type', 'text/plain; charset=utf-8').send(robotsTxt(options.site())));
}
