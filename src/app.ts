import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { Store } from './content/store.js';
import type { Clock } from './lib/clock.js';
import { systemClock } from './lib/clock.js';
import { AppError, ERROR_CODES } from './lib/errors.js';
import { STRING_FORMATS, ajvFormats } from './lib/validate.js';
import { MEDIA_PREFIX, mediaBaseOf } from './render/media-urls.js';
import { siteRoutes } from './site/routes.js';
import { lazyApplication } from './lazy-application.js';
import type { Mailer } from './mail/mailer.js';
import { SiteState } from './site/site-state.js';
import type { ChangeBus } from './change-bus/change-bus.js';
import type { SiteContext } from './site/site-context.js';
import { layout } from './site/templates/layout.js';
import { sendPage } from './site/send-page.js';
import { errorContent } from './site/templates/listings.js';
import { notFoundAnswer } from './site/not-found.js';
import { expensiveRouteLimit } from './rate-limit/expensive-routes.js';
import { storeRateLimiter } from './rate-limit/store-rate-limiter.js';
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from './lib/unavailable.js';
import { mediaFileHeaders, securityHeaders } from './site/security-headers.js';
import { closeConnectionsWhileDraining, Drain } from './lifecycle/drain.js';
import { instanceHeader } from './lifecycle/instance-header.js';
import type { MediaStorage } from './media-storage/media-storage.js';
import { openMediaStorage } from './media-storage/open-media-storage.js';
import { serveMedia } from './media-storage/serve-media.js';
import { onFirstUse } from './on-first-use.js';
import { MemoryResponseCache } from './response-cache/memory-cache.js';
import { ServeCached } from './response-cache/serve-cached.js';
import { followChanges } from './response-cache/follow-changes.js';
import { signalOf } from './change-bus/change-bus.js';
import type { CdnPurger } from './cdn-purge/cdn-purger.js';
import { openCdnPurger } from './cdn-purge/open-cdn-purger.js';
import { purgeSoon } from './cdn-purge/purge-soon.js';
import { purgeOnCommit } from './cdn-purge/purge-on-commit.js';

export interface AppDependencies {
  config: Readonly<Config>;
  store: Store;
  clock?: Clock;
  /** The built newsroom app (dist/newsroom/ by default); tests build one of their own. */
  newsroomAssetsDir?: string;
  /** Where invitations and reset links go; defaults to SMTP_URL, or the log. Tests pass one that keeps them. */
  mailer?: Mailer;
  /**
   * Carries changes committed by any process (src/change-bus/), so settings
   * changed elsewhere show within a second. The caller opens and closes it
   * (serve.ts); without one, only the fallback poll carries them.
   */
  changeBus?: ChangeBus;
  /** Pino options or `false`; defaults to the configured level on stdout. */
  logger?: FastifyServerOptions['logger'];
  /** Where media files are kept; built from MEDIA_STORAGE when not given (and then closed with the server). */
  mediaStorage?: MediaStorage;
}

interface SchemaFailure {
  validation?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }>;
  validationContext?: string;
}

/** A body or parameter that fails its route's schema, as the same error an operation's own check gives: a field path and a message each. */
function schemaError(error: unknown): AppError | undefined {
  const { validation, validationContext: where = 'body' } = error as SchemaFailure;
  if (!validation) return undefined;
  // One issue per field: a choice of values fails once per value, said once as "must be one of …".
  const byPath = new Map<string, { message: string; allowed: string[] }>();
  for (const v of validation) {
    const extra = v.params && 'additionalProperty' in v.params ? String(v.params.additionalProperty) : undefined;
    const missing = v.params && 'missingProperty' in v.params ? String(v.params.missingProperty) : undefined;
    const field = extra ?? missing;
    const path = `${where === 'body' ? '' : `/${where}`}${v.instancePath}${field ? `/${field}` : ''}`;
    const format = v.params && typeof v.params.format === 'string' ? STRING_FORMATS.get(v.params.format) : undefined;
    const entry = byPath.get(path) ?? { message: extra ? 'is not a field this accepts' : missing ? 'is required' : (format?.summary ?? v.message ?? 'is not valid'), allowed: [] };
    if (v.params && 'allowedValue' in v.params) entry.allowed.push(String(v.params.allowedValue));
    byPath.set(path, entry);
  }
  const issues = [...byPath].map(([path, entry]) => ({ path, message: entry.allowed.length > 1 ? `must be one of ${entry.allowed.join(', ')}` : entry.message }));
  return new AppError('VALIDATION_FAILED', `Invalid ${where} — ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`, { issues });
}

/**
 * Errors as readers and clients see them: JSON with a code, a message and
 * field issues under /api/ (and /healthz), an HTML page everywhere else.
 * Shared by the site and the newsroom application; the site passes
 * `notFound`, so a page that finds nothing answers as an unknown address does
 * (site/not-found.ts: an old address may lead somewhere).
 */
export function errorHandler(site: () => SiteContext, notFound?: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply>) {
  const handle = (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> => {
    const appError = error instanceof AppError ? error : schemaError(error);
    const fastifyStatus = (error as { statusCode?: number }).statusCode;
    const status = appError ? appError.status : fastifyStatus && fastifyStatus < 500 ? fastifyStatus : 500;
    // An outage is logged once, when it starts (buildApp), not once per request it fails.
    const isOutage = isStoreUnavailable(appError);
    if (status >= 500 && !isOutage) request.log.error({ err: error }, 'request failed');
    // Clients and crawlers come back soon, and no cache keeps the answer.
    if (isOutage) reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
    // A limit says how long to wait (see src/rate-limit/).
    const retryAfter = appError?.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    const message = appError?.isPublic ? appError.message : status < 500 ? 'The request could not be understood.' : ERROR_CODES.INTERNAL.title;
    const code = appError ? appError.code : status === 404 ? 'NOT_FOUND' : status < 500 ? 'BAD_REQUEST' : 'INTERNAL';
    if (request.url.startsWith('/api/') || /^\/(healthz|readyz)(\?|$)/.test(request.url)) {
      return reply
        .code(status)
        .send({ error: { code, message, ...(appError && appError.issues.length > 0 ? { issues: appError.issues } : {}), ...(appError?.isPublic ? appError.details : {}) } });
    }
    // Looking the address up may find the store down: that is a 503, not a 404 that tells crawlers the page is gone.
    if (status === 404 && notFound) return notFound(request, reply).catch((lookupError: unknown) => handle(lookupError, request, reply));
    const title = status === 404 ? 'Page not found' : status < 500 ? 'Bad request' : 'Something went wrong';
    const text = status === 404 ? 'We could not find that page. It may have moved, or the link may be mistyped.' : message;
    // sendPage writes the head itself, so a Retry-After set above (a limit, an outage) is handed over.
    const retryAfterHeader = reply.getHeader('retry-after');
    const headers = retryAfterHeader === undefined ? undefined : { 'retry-after': String(retryAfterHeader) };
    return sendPage(reply, layout(site(), { title, isNoindex: true }, errorContent({ title, message: text })), { status, cacheControl: 'no-store', headers });
  };
  return handle;
}

/**
 * TRUST_PROXY as Fastify takes it. The client is the nearest address that is
 * not a trusted proxy, so entries a client puts in X-Forwarded-For itself are
 * never its address. Never `true`: that would believe the client's own first
 * entry, and rotating it would escape every per-address limit. Hops are given
 * as a function: hop 0 is the socket's peer (the nearest proxy).
 */
function fastifyTrustProxy(trust: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (trust.kind === 'none') return false;
  if (trust.kind === 'addresses') return trust.addresses;
  const { hops } = trust;
  return (_address, hop) => hop < hops;
}

/** Options every Fastify instance of the program shares. */
export function serverOptions(config: Readonly<Config>) {
  return {
    trustProxy: fastifyTrustProxy(config.trustProxy),
    routerOptions: { ignoreDuplicateSlashes: true, maxParamLength: 200 },
    // Refuse fields a schema does not name instead of dropping them quietly, and report every problem at once.
    // Our own string formats (one-line text, calendar dates) are checked here as the operations check them.
    ajv: { customOptions: { removeAdditional: false, allErrors: true, formats: ajvFormats() } },
    // A client that trickles its request (slow loris) loses the socket after this long, not Node's 300 s;
    // Node looks for such requests every checking interval, so that is kept well under the timeout, and
    // silently checks nothing when the headers' timeout (60 s by default) is longer than the request's.
    requestTimeout: config.requestTimeoutMs,
    http: { connectionsCheckingInterval: Math.max(250, Math.min(5_000, config.requestTimeoutMs / 4)), headersTimeout: Math.min(60_000, config.requestTimeoutMs) },
  } as const;
}

/**
 * How often the site settings are read again anyway. With a change bus this
 * is only a safety net (a signal lost with a connection); without one it is
 * how soon a change made elsewhere (another worker, machine or the CLI) shows.
 */
const SETTINGS_REFRESH_MS = { withChangeBus: 60_000, withoutChangeBus: 10_000 } as const;

export interface App {
  server: FastifyInstance;
  site: SiteState;
  /** The response cache in front of the public routes; undefined when CACHE_MAX_MB is 0. */
  responseCache?: ServeCached;
  /** The CDN told of this process's changes (CDN_PURGE), for the `cdn-purge` job's handler too; undefined when none is configured. */
  cdnPurger?: CdnPurger;
  /** Started by a graceful stop: /readyz answers 503 from then on, while pages are still served. */
  drain: Drain;
}

/**
 * The composition root: everything the server uses is built here, at start,
 * and handed down; the one thing built on a first request is the newsroom.
 */
export async function buildApp(deps: AppDependencies): Promise<App> {
  const { config, store } = deps;
  const clock = deps.clock ?? systemClock;
  const isVerbose = config.logLevel === 'debug' || config.logLevel === 'trace';
  const server = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    // One line per request costs more than rendering the page; at debug level they are logged.
    logController: new LogController({ disableRequestLogging: !isVerbose }),
    return503OnClosing: true,
    ...serverOptions(config),
  });
  // The response cache answers what it holds before Fastify sees the request (serve-cached.ts answerAtOnce):
  // Fastify's own listener is wrapped here, first, so the listeners added below (headers) still run before both.
  let answerFromCache: ((request: IncomingMessage, response: ServerResponse) => boolean) | undefined;
  const [routeRequest] = server.server.listeners('request') as Array<(request: IncomingMessage, response: ServerResponse) => void>;
  if (routeRequest) {
    server.server.removeListener('request', routeRequest);
    server.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!answerFromCache?.(request, response)) routeRequest.call(server.server, request, response);
    });
  }
  securityHeaders(server, { siteUrl: config.siteUrl });
  instanceHeader(server, config.instanceName);
  const drain = new Drain();
  closeConnectionsWhileDraining(server, drain);

  const site = new SiteState({
    store,
    siteUrl: config.siteUrl,
    mediaBase: mediaBaseOf(config.mediaPublicUrl),
    // A value an older version stored that no longer passes: this process uses the default, and says so once.
    onRefusedSetting: ({ key, issues }) => server.log.error({ setting: key, issues }, `the stored setting "${key}" is not valid; its default is used until it is set again`),
  });
  await site.reload();
  const onReloadError = (error: unknown) => isStoreUnavailable(error) || server.log.warn({ err: error }, 'could not reload the site settings');
  const stopRefreshing = site.refreshEvery(deps.changeBus ? SETTINGS_REFRESH_MS.withChangeBus : SETTINGS_REFRESH_MS.withoutChangeBus, onReloadError);
  const stopFollowing = deps.changeBus ? site.followChanges(deps.changeBus, onReloadError) : () => undefined;
  const stopWatching = store.onAvailabilityChange((change) =>
    change.isAvailable
      ? server.log.warn({ downForMs: change.downForMs }, 'the store answers again')
      : server.log.error({ err: change.error }, 'the store does not answer: requests get 503 until it does'),
  );
  server.addHook('onClose', async () => stopWatching());
  server.addHook('onClose', async () => stopRefreshing());
  server.addHook('onClose', async () => stopFollowing());

  // The response cache (src/response-cache/), in front of every route added below. It hears this process's
  // changes as they commit, and other processes' through the change bus; without a bus, this process's only.
  const responseCache =
    config.responseCacheBytes > 0
      ? new ServeCached({
          cache: new MemoryResponseCache(config.responseCacheBytes),
          siteVersion: () => site.version,
          isCdnTagged: config.cdn.driver !== 'none',
          cdnMaxAgeS: config.cdnMaxAgeS,
          onError: (error) => server.log.warn({ err: error }, 'could not compress a cached answer'),
        })
      : undefined;
  if (responseCache) {
    responseCache.register(server);
    // HSTS for a site reached over HTTPS through a trusted proxy is added by a hook (security-headers.ts): such requests go through Fastify.
    const isHttpsSite = config.siteUrl.startsWith('https:');
    answerFromCache = (request, response) => (isHttpsSite || request.headers['x-forwarded-proto'] === undefined) && responseCache.answerAtOnce(request, response);
    const changes = deps.changeBus ?? { subscribe: (listener: (signal: ReturnType<typeof signalOf>) => void) => store.onCommittedChange((change) => listener(signalOf(change))) };
    const stopInvalidating = followChanges(changes, responseCache);
    server.addHook('onClose', async () => stopInvalidating());
  }
  // The CDN in front (src/cdn-purge/) hears of this process's own changes as they commit, without making them wait.
  const cdnPurger = openCdnPurger(config.cdn);
  if (cdnPurger) {
    const purge = purgeSoon({ purger: cdnPurger, context: { store, clock }, log: server.log });
    const stopPurging = purgeOnCommit(store, purge);
    server.addHook('onClose', async () => {
      stopPurging();
      await purge.settled();
      await cdnPurger.close();
    });
  }

  // Feeds, search and the REST API cost many times an article: one address gets so many a minute (src/rate-limit/).
  const limitExpensive = expensiveRouteLimit({ limiter: storeRateLimiter({ store, clock }), perMinute: config.publicRateLimit, log: server.log });

  const notFound = notFoundAnswer({ context: { store, clock }, site: () => site.current });
  server.setErrorHandler(errorHandler(() => site.current, notFound));
  server.setNotFoundHandler(notFound);

  // Liveness: the process answers and so does the store (one trivial query). A 503 here is an outage, not a reason to restart.
  server.get('/healthz', async (_request, reply) => {
    try {
      await store.ping();
    } catch (error) {
      throw isStoreUnavailable(error) ? error : new AppError('STORE_UNAVAILABLE', 'The store does not answer', { cause: error });
    }
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });
  // Readiness: not draining, the site settings loaded, and the store answers and holds every migration
  // this program needs, so a load balancer may send traffic. Draining is said first and without the
  // store: a stopping instance leaves the balancer's rotation even while the store is down.
  server.get('/readyz', async (_request, reply) => {
    if (drain.isDraining) return reply.code(503).header('cache-control', 'no-store').send({ status: 'draining' });
    if (!site.isLoaded) throw new AppError('STORE_UNAVAILABLE', 'The site settings are not loaded yet');
    await store.ping();
    const pending = await store.pendingMigrations();
    if (pending.length > 0) throw new AppError('STORE_UNAVAILABLE', `The store is missing migrations: ${pending.join(', ')}`);
    // How full the response cache is, for an operator sizing CACHE_MAX_MB (and the bench).
    const cache = responseCache?.stats();
    return reply.header('cache-control', 'no-store').send({ status: 'ready', ...(cache ? { responseCache: { entries: cache.entries, bytes: cache.bytes, maxBytes: cache.maxBytes, hits: cache.hits, misses: cache.misses } } : {}) });
  });

  // The media folder or bucket: this server serves its files at /media/ either way (MEDIA_PUBLIC_URL may send readers elsewhere).
  const mediaStorage = deps.mediaStorage ?? openMediaStorage(config);
  if (!deps.mediaStorage) server.addHook('onClose', async () => mediaStorage.close());
  await serveMedia(server, { storage: mediaStorage, prefix: MEDIA_PREFIX, setHeaders: mediaFileHeaders });

  // The newsroom (its API and its app) and the WordPress REST API are
  // applications of their own, built on their first request: a process that
  // only serves readers of the site never loads them.
  await lazyApplication(server, ['/api/admin', '/api/admin/*', '/admin', '/admin/*'], () =>
    onFirstUse.newsroomApp().then((module) =>
      module.buildNewsroomApp({ ...deps, mediaStorage, clock, parentLog: server.log, onSettingsChange: () => site.reload(), errors: errorHandler(() => site.current) }),
    ),
  );
  await lazyApplication(server, ['/wp-json', '/wp-json/*'], async () => {
    const { wpJsonRoutes } = await onFirstUse.wpJsonRoutes();
    const app = Fastify({ loggerInstance: server.log, logController: new LogController({ disableRequestLogging: true }), ...serverOptions(config) });
    securityHeaders(app, { siteUrl: config.siteUrl });
    responseCache?.captureReplies(app);
    await app.register(wpJsonRoutes, { store, clock, site: () => site.current, limitExpensive });
    return app;
  });


  await server.register(siteRoutes, {
    context: { store, clock },
    site: () => site.current,
    limitExpensive,
    mediaForId: async (id) => (id ? ((await store.media.findById(id)) ?? null) : null),
  });

  return { server, site, drain, responseCache, cdnPurger };
}
