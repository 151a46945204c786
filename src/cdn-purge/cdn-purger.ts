import type { CdnConfig } from '../config.js';

/** The services a purge can be sent to, as CDN_PURGE names them. */
export type CdnService = Exclude<CdnConfig['driver'], 'none'>;

/**
 * Tells the CDN or shared cache in front of Masthead which cached responses a
 * change made stale. Public responses name their cache tags (`site`,
 * `post-12`, `list-home`…) in one header per kind of cache (`xkey` for
 * Varnish, `Surrogate-Key` for Fastly, `Cache-Tag` for Cloudflare), so one
 * list of tags serves every driver and only the driver knows how its service
 * is told. The driver is chosen once, from config (open-cdn-purger.ts);
 * nothing outside this folder knows which one runs.
 */
export interface CdnPurger {
  /** The service, for logs and job errors. */
  readonly name: CdnService;
  /**
   * Invalidates every cached response carrying any of `tags` (lower-case
   * letters, digits and hyphens), in as many requests as the service's limits
   * need. Resolves once the service accepted every one; rejects with
   * CdnPurgeFailed (AggregateError when several Varnish servers failed)
   * otherwise, and with an Error, sending nothing, when a tag is not one.
   * Purging a tag twice is purging it once, so a failed purge is simply
   * tried again whole.
   */
  purge(tags: readonly string[]): Promise<void>;
  /**
   * Aborts purges in flight and refuses new ones (both reject, so purgeSoon
   * queues them as jobs another process will run): the process is stopping.
   */
  close(): Promise<void>;
}

/**
 * A purge the service did not accept. Not an AppError: it never reaches a
 * reader; it is logged and becomes a job's error (src/jobs/handlers/cdn-purge.ts),
 * so its message says everything an operator needs and no credential.
 */
export class CdnPurgeFailed extends Error {
  readonly service: CdnService;
  /** The address that was asked. */
  readonly url: string;
  /** What it answered; undefined when no answer came. */
  readonly status: number | undefined;

  constructor(input: { service: CdnService; method: string; url: string; status?: number; problem: string; cause?: unknown }) {
    super(`${SERVICE_NAMES[input.service]} purge failed: ${input.method} ${input.url} ${input.problem}`, input.cause === undefined ? undefined : { cause: input.cause });
    this.name = 'CdnPurgeFailed';
    this.service = input.service;
    this.url = input.url;
    this.status = input.status;
  }
}

const SERVICE_NAMES: Readonly<Record<CdnService, string>> = { varnish: 'Varnish', fastly: 'Fastly', cloudflare: 'Cloudflare' };
