import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperationContext } from '../operations/context.js';
import { isStoreUnavailable } from '../lib/unavailable.js';
import { findOldAddress } from '../operations/redirects/find-old-address.js';
import { sendPage } from './send-page.js';
import type { SiteContext } from './site-context.js';
import { layout } from './templates/layout.js';
import { errorContent } from './templates/listings.js';

/** A redirect the newsroom can correct: browsers and CDNs keep it no longer than a page. */
const REDIRECT_CACHE = 'public, max-age=60';

/**
 * What the site answers when it has nothing at an address, whether no route
 * matched or a page's handler found nothing (NOT_FOUND): an old address that
 * leads somewhere answers with a redirect (operations/redirects/), anything
 * else with the 404 page. Only reads look an address up; a lookup that finds
 * the store down is a 503 (the address may exist), any other failed lookup is
 * logged and still gets the 404 page.
 */
export function notFoundAnswer(options: { context: OperationContext; site: () => SiteContext }) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    if (request.method === 'GET' || request.method === 'HEAD') {
      try {
        const found = await findOldAddress(options.context, { url: request.url });
        if (found) return reply.header('cache-control', REDIRECT_CACHE).redirect(found.location, found.statusCode);
      } catch (error) {
        // With the store down the address may well exist: the error handler answers 503, so crawlers come back.
        if (isStoreUnavailable(error)) throw error;
        request.log.warn({ err: error }, 'could not look up an old address');
      }
    }
    const title = 'Page not found';
    const message = 'We could not find that page. It may have moved, or the link may be mistyped.';
    return sendPage(reply, layout(options.site(), { title, isNoindex: true }, errorContent({ title, message })), { status: 404, cacheControl: 'no-store' });
  };
}
