import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompress, constants as zlib, gunzipSync, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { cacheTags } from './cache-tags.js';
import type { CachedResponse, ResponseCache } from './response-cache.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Brotli's quality 5 costs about 1 ms for a 20 KB page and comes within
 * about 10% of quality 11's size, which costs about 30 ms: after a settings
 * change every page is compressed again, and 30 ms each would keep a core
 * busy for minutes on a large site.
 */
const BROTLI_QUALITY = 5;
/** How long a request waits for the same page being rendered by another before it renders the page itself. */
const COALESCE_WAIT_MS = 5_000;
/** The session cookie of the newsroom (admin-api/session-cookie.ts SESSION_COOKIE; a test keeps the two the same). */
export const PRIVATE_COOKIE = /(?:^|;\s*)masthead_session=/;

export interface ServeCachedOptions {
  cache: ResponseCache;
  /** The version of the site context pages are rendered with now (SiteState.version). */
  siteVersion: () => number;
  /** Send the tags to a CDN (Surrogate-Key, Cache-Tag, xkey): when one is configured to be purged. */
  isCdnTagged: boolean;
  /** s-maxage: how long a CDN may keep an answer (it is purged on change when one is configured). */
  cdnMaxAgeS: number;
  onError: (error: unknown) => void;
}

/**
 * zlib's answer may be a view of a larger chunk (16 KB by default), which
 * would stay allocated as long as the 5 KB it holds is kept: a copy of its
 * own size keeps only what it holds (measured: 10,000 pages' forms took
 * 250 MB kept as returned, 180 MB copied, for 108 MB of bytes).
 */
function exactCopy(bytes: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** A request that may be kept: its key, and the state of the world it was rendered in. */
interface Render {
  key: string;
  epoch: number;
  siteVersion: number;
  /** Set by the route (cacheAs): what the answer shows. Unset, the answer is not kept. */
  tags: Set<string> | undefined;
  /** Ends the wait of requests for the same key (coalescing), once. */
  release: () => void;
  /** Keeps the answer (if marked) and returns the headers to send with it. */
  keep: (headers: Record<string, string>, body: Buffer) => Record<string, string>;
}

const renders = new WeakMap<IncomingMessage, Render>();
/** Requests answerAtOnce looked up and did not find. */
const looked = new WeakSet<IncomingMessage>();

/**
 * Marks the answer a route is about to send as public and cacheable, showing
 * what the tags name (cache-tags.ts). Routes call it only for what every
 * reader sees alike; an answer not marked is never kept.
 */
export function cacheAs(reply: FastifyReply, tags: Iterable<string>): void {
  const render = renders.get(reply.raw.req);
  if (!render) return;
  render.tags ??= new Set([cacheTags.site]);
  for (const tag of tags) render.tags.add(tag);
}

/**
 * For a page written straight to the socket (send-page.ts): when its route
 * marked it, keeps it and returns the headers to send with it (validators,
 * Vary, shared-cache headers); otherwise undefined, and `body` is not called.
 */
export function keepPage(raw: IncomingMessage, status: number, headers: Record<string, string>, body: () => Buffer): Record<string, string> | undefined {
  const render = renders.get(raw);
  if (!render?.tags || status !== 200 || isPrivateAnswer(headers['cache-control'])) return undefined;
  return render.keep(headers, body());
}

/** An answer its route said no shared cache may keep (a protected post's text given for its password) is never kept, whatever else marked it. */
function isPrivateAnswer(cacheControl: string | undefined): boolean {
  return cacheControl !== undefined && /\b(?:private|no-store|no-cache)\b/.test(cacheControl);
}

/**
 * Addresses the cache stays out of: the newsroom and its API, previews,
 * probes, and media files (streamed from their own storage, and large: a
 * burst for one picture must not queue behind its first request).
 */
const BYPASSED = /^\/(?:admin|api|preview|media|healthz|readyz)(?:[/?]|$)/;

/** Whether a request must never be answered from, or kept in, the cache: staff's own requests, and the addresses above. */
function isPrivate(request: IncomingMessage): boolean {
  if (request.headers.authorization !== undefined || BYPASSED.test(request.url ?? '/')) return true;
  const cookie = request.headers.cookie;
  return cookie !== undefined && PRIVATE_COOKIE.test(cookie);
}

type Coding = 'br' | 'gzip' | 'identity';
const codings = new Map<string, Coding>();

/** The best coding a client takes (brotli, then gzip), from its Accept-Encoding; remembered, since clients send a few distinct headers. */
export function preferredCoding(header: string | undefined): Coding {
  if (!header) return 'identity';
  let coding = codings.get(header);
  if (coding) return coding;
  const accepted = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name.trim(), q ? Number(q[1]) : 1);
  }
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  coding = takes('br') ? 'br' : takes('gzip') ? 'gzip' : 'identity';
  if (codings.size < 100) codings.set(header, coding);
  return coding;
}

/** Whether the client already holds this entry (If-None-Match, else If-Modified-Since). */
function isNotModified(request: IncomingMessage, entry: CachedResponse): boolean {
  const match = request.headers['if-none-match'];
  if (match !== undefined) {
    const base = entry.etag.slice(1, -1);
    return match.split(',').some((tag) => {
      const value = tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
      return value === '*' || value.replace(/-(br|gz)$/, '') === base;
    });
  }
  // If-Modified-Since alone is not trusted here: a page can change twice within its Last-Modified's second, and a
  // feed's Last-Modified (its newest story) does not move when a story leaves it. Such clients get the page.
  return false;
}

/** The ETag of one coding of an entry: a strong validator names the bytes sent, so each coding has its own. */
function etagOf(entry: CachedResponse, coding: Coding): string {
  return coding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${coding === 'br' ? 'br' : 'gz'}"`;
}

function cdnHeaders(options: ServeCachedOptions, tags: readonly string[]): Record<string, string> {
  if (!options.isCdnTagged) return {};
  const spaced = tags.join(' ');
  return { 'surrogate-key': spaced, xkey: spaced, 'cache-tag': tags.join(',') };
}

/** The route's Cache-Control for browsers, with what shared caches may do: keep it s-maxage, serve it stale while fetching or when we fail. */
function sharedCacheControl(routeValue: string | undefined, options: ServeCachedOptions): string {
  const maxAge = /max-age=(\d+)/.exec(routeValue ?? '')?.[1] ?? '60';
  return `public, max-age=${maxAge}, s-maxage=${options.cdnMaxAgeS}, stale-while-revalidate=60, stale-if-error=86400`;
}

/**
 * Writes a kept answer in the coding the client takes best. Before its
 * compression is done, the identity bytes. A client that takes no coding
 * (curl, some bots) of an entry whose identity bytes were dropped gets them
 * made again from gzip, once: they are kept with the entry from then on
 * (`keepIdentity`), so only answers such clients ask for hold all three forms.
 */
function writeEntry(request: IncomingMessage, response: ServerResponse, entry: CachedResponse, options: ServeCachedOptions, keepIdentity: (identity: Buffer) => void): void {
  let coding = preferredCoding(request.headers['accept-encoding']);
  let body = coding === 'br' ? entry.br : coding === 'gzip' ? entry.gzip : entry.identity;
  if (!body) {
    coding = 'identity';
    body = entry.identity;
    if (!body) keepIdentity((body = gunzipSync(entry.gzip!)));
  }
  const head: Record<string, string | number> = {
    ...entry.headers,
    ...cdnHeaders(options, entry.tags),
    etag: etagOf(entry, coding),
    'last-modified': entry.lastModified,
    vary: 'Accept-Encoding',
  };
  if (isNotModified(request, entry)) {
    delete head['content-type'];
    response.writeHead(304, head);
    response.end();
    return;
  }
  head['content-length'] = body.length;
  if (coding !== 'identity') head['content-encoding'] = coding;
  response.writeHead(200, head);
  response.end(request.method === 'HEAD' ? undefined : body);
}

/**
 * The cache in front of a server's routes. onRequest answers a GET or HEAD
 * from the cache when it holds a current entry (a 304 when the client holds
 * it too) before any route runs; otherwise the route renders, and an answer
 * it marked with cacheAs is kept on its way out (keepPage for the pages
 * written by send-page.ts, an onSend hook for the rest). A burst of requests
 * for a page not kept waits for the first to render it (coalescing). An
 * answer whose rendering began before a change (its epoch) is sent but not
 * kept, since it may show what the change replaced.
 */
export class ServeCached {
  /** Counts changes heard: an answer rendered across one is not kept. */
  private epoch = 0;
  private readonly inFlight = new Map<string, { epoch: number; done: Promise<void> }>();

  constructor(private readonly options: ServeCachedOptions) {}

  /** How full the cache is and how it has served: for the bench, tests and operators' logs. */
  stats(): ReturnType<ResponseCache['stats']> {
    return this.options.cache.stats();
  }

  /** Drops what the tags name, at once; `site` drops everything. */
  invalidate(tags: readonly string[]): void {
    if (tags.length === 0) return;
    this.epoch++;
    if (tags.includes(cacheTags.site)) this.options.cache.clear();
    else this.options.cache.invalidate(tags);
  }

  /**
   * Answers a request from the cache before Fastify sees it, when it holds a
   * current entry: a hit then costs what Node's HTTP server costs and little
   * more (measured: about half of what the same answer costs through
   * Fastify's routing, request objects and hooks). False otherwise, and
   * Fastify routes the request (the onRequest hook then coalesces and keeps).
   * The listeners before it (security headers, the instance name, draining)
   * have already set their headers.
   */
  answerAtOnce(raw: IncomingMessage, response: ServerResponse): boolean {
    if ((raw.method !== 'GET' && raw.method !== 'HEAD') || isPrivate(raw)) return false;
    const key = raw.url ?? '/';
    looked.add(raw);
    const entry = this.current(key);
    if (!entry) return false;
    this.write(raw, response, key, entry);
    return true;
  }

  /** The key's entry if it was rendered with the site as it is now. */
  private current(key: string): CachedResponse | undefined {
    const entry = this.options.cache.get(key);
    return entry && entry.siteVersion === this.options.siteVersion() ? entry : undefined;
  }

  private write(raw: IncomingMessage, response: ServerResponse, key: string, entry: CachedResponse): void {
    writeEntry(raw, response, entry, this.options, (identity) => this.options.cache.replace(key, entry, { ...entry, identity }));
  }

  /** Puts the cache in front of the server's routes (the root server: /wp-json/ is forwarded from it). */
  register(server: FastifyInstance): void {
    server.addHook('onRequest', async (request, reply) => {
      const raw = request.raw;
      if ((raw.method !== 'GET' && raw.method !== 'HEAD') || isPrivate(raw)) return;
      const key = raw.url ?? '/';
      // Looked up already by answerAtOnce (and not found): not counted as a second miss.
      let entry = looked.has(raw) ? undefined : this.current(key);
      const flight = this.inFlight.get(key);
      // Another request is rendering this page since the last change: wait for it rather than render it again.
      if (!entry && flight && flight.epoch === this.epoch) {
        await Promise.race([flight.done, new Promise((resolve) => setTimeout(resolve, COALESCE_WAIT_MS).unref())]);
        entry = this.current(key);
      }
      if (entry) {
        reply.hijack();
        this.write(raw, reply.raw, key, entry);
        return reply;
      }
      this.startRender(raw, reply.raw, key);
    });
    this.captureReplies(server);
  }

  private startRender(raw: IncomingMessage, response: ServerResponse, key: string): void {
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const flight = { epoch: this.epoch, done };
    if (!this.inFlight.has(key)) this.inFlight.set(key, flight);
    const render: Render = {
      key,
      epoch: this.epoch,
      siteVersion: this.options.siteVersion(),
      tags: undefined,
      release: () => {
        if (this.inFlight.get(key) === flight) this.inFlight.delete(key);
        release();
      },
      keep: (headers, body) => this.keep(render, headers, body),
    };
    renders.set(raw, render);
    response.once('close', render.release);
  }

  /** Keeps marked answers sent through Fastify's reply.send (feeds, sitemaps, the REST API); for an application the root forwards to, too. */
  captureReplies(app: FastifyInstance): void {
    app.addHook('onSend', async (request, reply, payload) => {
      const render = renders.get(request.raw);
      if (!render?.tags || reply.statusCode !== 200 || reply.hasHeader('set-cookie') || isPrivateAnswer(reply.getHeader('cache-control') as string | undefined)) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const headers: Record<string, string> = {};
      for (const name of ['content-type', 'cache-control', 'content-security-policy', 'last-modified', 'link', 'x-robots-tag', 'x-wp-total', 'x-wp-totalpages', 'allow']) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      const extra = render.keep(headers, Buffer.from(payload));
      for (const [name, value] of Object.entries(extra)) reply.header(name, value);
      return payload;
    });
  }

  private keep(render: Render, routeHeaders: Record<string, string>, identity: Buffer): Record<string, string> {
    const tags = [...render.tags!];
    const { 'last-modified': routeLastModified, ...routeRest } = routeHeaders;
    const headers = { ...routeRest, 'cache-control': sharedCacheControl(routeHeaders['cache-control'], this.options) };
    const entry: CachedResponse = {
      headers,
      identity,
      gzip: undefined,
      br: undefined,
      etag: `"${createHash('sha1').update(identity).digest('base64url')}"`,
      // A feed's is its newest story's update (what feed readers compare); a page's, when it was rendered.
      lastModified: routeLastModified ?? new Date().toUTCString(),
      tags,
      siteVersion: render.siteVersion,
    };
    // Rendered before a change this process has heard since, or with settings since replaced: sent, not kept.
    const isCurrent = render.epoch === this.epoch && render.siteVersion === this.options.siteVersion();
    if (isCurrent) {
      this.options.cache.set(render.key, entry);
      this.compressLater(render.key, entry);
    }
    render.release();
    return { 'cache-control': headers['cache-control'], ...cdnHeaders(this.options, tags), etag: entry.etag, 'last-modified': entry.lastModified, vary: 'Accept-Encoding' };
  }

  /** Makes the gzip and brotli forms on the thread pool, off the request, and then drops the identity bytes (made again from gzip when asked for). */
  private compressLater(key: string, entry: CachedResponse): void {
    const identity = entry.identity!;
    Promise.all([
      gzipAsync(identity, { level: 9 }),
      brotliAsync(identity, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: identity.length, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }),
    ])
      .then(([gzipped, brotli]) => {
        this.options.cache.replace(key, entry, { ...entry, identity: undefined, gzip: exactCopy(gzipped), br: exactCopy(brotli) });
      })
      .catch(this.options.onError);
  }
}
