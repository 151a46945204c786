import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type { AccountsContext } from '../operations/accounts/context.js';
import { findSession } from '../operations/accounts/sessions.js';
import { checkCsrf, CSRF_HEADER } from './csrf.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { sessionRoutes } from './session-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { taxonomyRoutes } from './taxonomy-routes.js';
import { redirectRoutes } from './redirect-routes.js';
import { jobRoutes } from './job-routes.js';
import { userRoutes } from './user-routes.js';
import { mediaRoutes } from './media-routes.js';
import { postRoutes } from './post-routes.js';
import type { ImageIngest } from '../content/image-ingest.js';

export interface AdminApiOptions {
  context: AccountsContext;
  images: ImageIngest;
  maxUploadBytes: number;
  /** What media paths are put after in the URLs it gives (render/media-urls.ts mediaBaseOf). */
  mediaBase: string;
  /** Called after a settings change, so this process's pages show it at once. */
  onSettingsChange: () => Promise<unknown>;
}

/**
 * The newsroom's JSON API under /api/admin/: the admin app talks to nothing
 * else. Every body is checked against its route's schema (errors come back as
 * JSON with a field path), every route checks the role before it reads or
 * writes, and the schemas double as the OpenAPI document at /api/admin/openapi.json.
 */
export async function adminApi(app: FastifyInstance, options: AdminApiOptions): Promise<void> {
  const { context } = options;
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Masthead newsroom API', version: '1', description: 'The JSON API the newsroom (/admin) uses. Sign in with POST /session; send the returned csrfToken in the X-CSRF-Token header on every request that changes something.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });

  app.decorateRequest('staffSession', undefined);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.staffSession = token ? await findSession(context, token) : undefined;
  });
  // Before the body is validated, so a forged request learns nothing about the schema.
  app.addHook('preValidation', async (request) => checkCsrf(request));
  app.addHook('onSend', async (_request, reply) => {
    // Newsroom answers are personal: never kept by a shared cache.
    reply.header('cache-control', 'no-store');
  });

  await app.register(sessionRoutes, { context });
  await app.register(userRoutes, { context });
  await app.register(settingsRoutes, { context, onChange: options.onSettingsChange });
  await app.register(mediaRoutes, { context, images: options.images, maxUploadBytes: options.maxUploadBytes, mediaBase: options.mediaBase });
  await app.register(postRoutes, { context, siteUrl: context.siteUrl, mediaBase: options.mediaBase });
  await app.register(taxonomyRoutes, { context, onSiteChange: options.onSettingsChange });
  await app.register(redirectRoutes, { context });
  await app.register(jobRoutes, { context });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
