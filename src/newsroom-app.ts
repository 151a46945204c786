import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppDependencies } from './app.js';
import { serverOptions } from './app.js';
import { adminApi } from './admin-api/plugin.js';
import type { Clock } from './lib/clock.js';
import { notFound } from './lib/errors.js';
import { logMailer, smtpMailer } from './mail/mailer.js';
import { lazyImageIngest } from './media/lazy-ingest.js';
import type { MediaStorage } from './media-storage/media-storage.js';
import { mediaBaseOf } from './render/media-urls.js';
import { newsroomRoutes } from './newsroom/routes.js';
import { securityHeaders } from './site/security-headers.js';

/**
 * The newsroom: the admin API under /api/admin/ and the admin app under
 * /admin. The site's server forwards those addresses here (see app.ts); it is
 * built once, on the first such request, with the same store, clock and logger.
 */
export async function buildNewsroomApp(
  deps: AppDependencies & {
    clock: Clock;
    mediaStorage: MediaStorage;
    parentLog: FastifyBaseLogger;
    onSettingsChange: () => Promise<unknown>;
    errors: Parameters<FastifyInstance['setErrorHandler']>[0];
  },
): Promise<FastifyInstance> {
  const { config, store, clock } = deps;
  const server = Fastify({ loggerInstance: deps.parentLog, logController: new LogController({ disableRequestLogging: true }), ...serverOptions(config) });
  securityHeaders(server, { siteUrl: config.siteUrl });
  server.setErrorHandler(deps.errors);
  server.setNotFoundHandler(async () => {
    throw notFound('That address');
  });
  const mailer =
    deps.mailer ??
    (config.smtpUrl
      ? await smtpMailer({ url: config.smtpUrl, from: config.mailFrom })
      : logMailer((message, line) => server.log.warn({ to: message.to, subject: message.subject, text: message.text }, line)));
  await server.register(adminApi, {
    prefix: '/api/admin',
    context: { store, clock, mailer, siteUrl: config.siteUrl },
    images: lazyImageIngest({ storage: deps.mediaStorage }),
    mediaBase: mediaBaseOf(config.mediaPublicUrl),
    maxUploadBytes: config.maxUploadBytes,
    onSettingsChange: deps.onSettingsChange,
  });
  await server.register(newsroomRoutes, { assetsDir: deps.newsroomAssetsDir });
  await server.ready();
  return server;
}
