import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../lib/errors.js';
import type { ArticleRead } from '../operations/read-site.js';
import { renderLockedArticle } from '../render/article-html.js';
import { WRONG_PASSWORD } from '../render/protected-post.js';
import { readCookie, setCookieHeader } from './cookies.js';
import type { SiteRoutesOptions } from './routes.js';
import { sendPage } from './send-page.js';
import { layout } from './templates/layout.js';
import { articleContent } from './templates/listings.js';
import { onFirstUse } from '../on-first-use.js';

/**
 * A protected post's page differs by reader (the form, or the story for one
 * who gave the password), so no cache may keep it: not a CDN, which would
 * show one reader's page to another, nor the browser, which would show the
 * form again after the password was accepted.
 */
const PRIVATE = 'private, no-store';

/** The largest password form accepted, in bytes: a password of 255 characters and then some. */
const FORM_LIMIT = 4096;

/** GET of a protected post: the story for a reader whose cookie opens it, the stored form page for anyone else. */
export async function answerProtected(options: SiteRoutesOptions, request: FastifyRequest, reply: FastifyReply, found: ArticleRead): Promise<FastifyReply> {
  const site = options.site();
  const { passCookieName, readUnlockedArticle } = await onFirstUse.protectedPosts();
  const cookie = readCookie(request.headers.cookie, passCookieName(found.post.id));
  const unlocked = cookie ? await readUnlockedArticle({ ...options.context, site }, { postId: found.post.id, cookie }) : undefined;
  const post = unlocked
    ? { ...found.post, articleHtml: Buffer.from(unlocked.articleHtml), commentsHtml: Buffer.from(unlocked.commentsHtml) }
    : found.post;
  return sendPage(reply, layout(site, { storedHtml: found.post.headHtml }, articleContent(post, found.related)), { cacheControl: PRIVATE });
}

/**
 * POST /{slug}/ with WordPress's password form: the right password sets the
 * post's cookie and sends the reader back to the page (303); a wrong one
 * shows the form again, saying so. The form's body parser is registered here
 * only, so no other route of the site accepts a form.
 */
export async function protectedPostRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post<{ Params: { slug: string } }>('/:slug/', async (request, reply) => {
    const { slug } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    const { unlockPost } = await onFirstUse.protectedPosts();
    const result = await unlockPost(options.context, { slug, password: body.post_password });
    if (!result) throw notFound('That story');
    if (result.outcome === 'unlocked') {
      reply.header('set-cookie', setCookieHeader({ ...result.cookie, isSecure: request.protocol === 'https' }));
    }
    if (result.outcome !== 'refused') return reply.header('cache-control', 'no-store').redirect(`/${encodeURIComponent(slug)}/`, 303);
    const site = options.site();
    const articleHtml = renderLockedArticle(site, { ...result.post, bodyHtml: '' }, { error: WRONG_PASSWORD });
    const parts = layout(site, { title: result.post.title, isNoindex: true }, [articleHtml]);
    return sendPage(reply, parts, { status: 403, cacheControl: PRIVATE });
  });
}
