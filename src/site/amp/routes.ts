import type { FastifyInstance, FastifyReply } from 'fastify';
import { notFound } from '../../lib/errors.js';
import { readPostDocument } from '../../operations/read-site.js';
import { urls } from '../../render/urls.js';
import type { SiteRoutesOptions } from '../routes.js';
import { AMP_CSP } from '../security-headers.js';
import { onFirstUse } from '../../on-first-use.js';
import { cacheAs } from '../../response-cache/serve-cached.js';
import { cacheTags } from '../../response-cache/cache-tags.js';

const PAGE_CACHE = 'public, max-age=60';

/**
 * The mobile (AMP) version of an article: `/{slug}/amp/`, or `/{slug}/?amp=1`
 * as the WordPress AMP plugin's reader mode serves it. With the site's AMP
 * setting off, and for anything that is not an article, those addresses
 * answer 301 to the page itself, so links search engines indexed keep working;
 * so do a password-protected post's.
 */
export async function answerAmp(options: SiteRoutesOptions, slug: string, reply: FastifyReply): Promise<FastifyReply> {
  const site = options.site();
  const found = await readPostDocument(options.context, slug);
  if (!found) throw notFound('That story');
  // A protected post has no mobile version: AMP has no place for its password form, so the page itself asks for it.
  if (!site.settings.ampEnabled || found.post.kind !== 'article' || found.isProtected) return reply.redirect(urls.post(found.post.slug), 301);
  const { renderAmpPage } = await onFirstUse.ampPage();
  // The stored story, with its pictures as they are now.
  cacheAs(reply, [cacheTags.post(found.post.id), ...[...found.media.keys()].map(cacheTags.media)]);
  return reply
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', PAGE_CACHE)
    .header('content-security-policy', AMP_CSP)
    .send(renderAmpPage(site, { post: found.post, body: found.body, media: found.media, commentsHtml: found.commentsHtml }));
}

export async function ampRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  app.get<{ Params: { slug: string } }>('/:slug/amp/', (request, reply) => answerAmp(options, request.params.slug, reply));
  app.get<{ Params: { slug: string } }>('/:slug/amp', (request, reply) => reply.redirect(`/${encodeURIComponent(request.params.slug)}/amp/`, 301));
  // Archives never had a mobile version of their own in Masthead; old AMP archive links land on the archive.
  for (const kind of ['category', 'tag', 'author'] as const) {
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug/amp/`, (request, reply) =>
      reply.redirect(`/${kind}/${encodeURIComponent(request.params.slug)}/`, 301),
    );
  }
}
