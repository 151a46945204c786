import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../admin-api/session-cookie.js';
import { DEFAULT_ASSETS_DIR, loadNewsroomAssets } from './newsroom-assets.js';
import { SHELL_HEADERS, shellHtml } from './shell-html.js';

export interface NewsroomRoutesOptions {
  /** The folder the bundle was built into; tests build one of their own. */
  assetsDir?: string;
}

/**
 * The newsroom app at /admin: one HTML shell for every address under it (the
 * app routes in the browser) and the bundle at /admin/assets/. The app talks
 * only to the JSON API under /api/admin/.
 */
export async function newsroomRoutes(app: FastifyInstance, options: NewsroomRoutesOptions): Promise<void> {
  const assets = loadNewsroomAssets(options.assetsDir ?? DEFAULT_ASSETS_DIR);
  if (!assets.isBuilt) app.log.warn({ assetsDir: options.assetsDir ?? DEFAULT_ASSETS_DIR }, 'the newsroom app is not built: run npm run build');
  const shells = {
    withCookie: Buffer.from(shellHtml({ ...assets, hasSessionCookie: true })),
    without: Buffer.from(shellHtml({ ...assets, hasSessionCookie: false })),
  };
  const hasSessionCookie = (request: FastifyRequest) => (request.headers.cookie ?? '').split(/;\s*/).some((pair) => pair.startsWith(`${SESSION_COOKIE}=`) && pair.length > SESSION_COOKIE.length + 1);

  const sendShell = async (request: FastifyRequest, reply: FastifyReply) => reply.headers(SHELL_HEADERS).send(hasSessionCookie(request) ? shells.withCookie : shells.without);
  app.get('/admin', sendShell);
  app.get('/admin/*', sendShell);

  app.get<{ Params: { file: string }; Querystring: { v?: string } }>('/admin/assets/:file', async (request, reply) => {
    const asset = assets.files.get(request.params.file);
    if (!asset) return reply.callNotFound();
    // A URL carrying the current version names these exact bytes forever; any other is revalidated.
    const isVersioned = request.query.v === assets.version;
    reply.headers({
      'content-type': asset.contentType,
      etag: asset.etag,
      'cache-control': isVersioned ? 'private, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    if (request.headers['if-none-match'] === asset.etag) return reply.code(304).send();
    return reply.send(asset.bytes);
  });
}
