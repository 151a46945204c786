import { createHash } from 'node:crypto';
import { extname } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SITE_CSS } from './styles.js';
import { PICTURE_TYPES } from '../media-storage/content-type.js';

/**
 * Hosts an article may show in a frame. Only YouTube is framed on the full
 * page (render/body-html.ts, the privacy-enhanced host); X, Instagram and
 * TikTok are links there, as their embeds need the provider's script. A new
 * framed provider adds its host here, or the browser refuses its frame.
 */
export const EMBED_FRAME_HOSTS = ['https://www.youtube-nocookie.com'] as const;

/** The whole site stylesheet is one inline <style> (templates/layout.ts): allowed by the hash of its exact text, not by 'unsafe-inline'. */
export const SITE_STYLE_HASH = `'sha256-${createHash('sha256').update(SITE_CSS, 'utf8').digest('base64')}'`;

const policy = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');

/** What every framed, scripted or submitted thing may be on any of our pages: nothing framing us, no plugins, no <base> or form pointing elsewhere. */
const LOCKED = { 'object-src': "'none'", 'base-uri': "'self'", 'form-action': "'self'", 'frame-ancestors': "'none'" };

/**
 * Public pages: no script at all (JSON-LD is a data block, which CSP does
 * not treat as script), the inline stylesheet by hash. Pictures may come from
 * any HTTPS host, because imported raw-HTML blocks keep their <img> (the
 * sanitiser allows http(s) sources) and a page must not lose them.
 */
export const SITE_CSP = policy({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': SITE_STYLE_HASH,
  'img-src': "'self' data: https:",
  'frame-src': EMBED_FRAME_HOSTS.join(' '),
  ...LOCKED,
});

/**
 * AMP pages, after AMP's documented policy: its runtime and components from
 * cdn.ampproject.org, and inline styles, which the runtime writes itself
 * (and the laid-out pictures' sizers carry as style attributes). Its embed
 * components frame the providers directly, or through AMP's own third-party
 * frame on ampproject.net (amp-twitter).
 */
export const AMP_CSP = policy({
  'default-src': "'self'",
  'script-src': 'https://cdn.ampproject.org/',
  'style-src': "'unsafe-inline' https://cdn.ampproject.org/rtv/",
  'img-src': "'self' data: https:",
  'connect-src': "'self' https://cdn.ampproject.org",
  'frame-src': 'https://*.ampproject.net https://www.youtube.com https://www.youtube-nocookie.com https://www.instagram.com https://www.tiktok.com',
  ...LOCKED,
});

/** JSON answers (the APIs, health checks): nothing in them may load or run anything, should a browser ever open one as a page. */
export const API_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * A stored upload opened on its own: even a file that is also valid HTML (a
 * picture with markup in its metadata) is sandboxed, so it cannot run script
 * or reach the site's cookies.
 */
export const MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** Features a news site never asks the reader's browser for; a page, or a frame in it, that asks is refused. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()';

/** Two years, subdomains included: the value the HSTS preload list asks for. */
export const HSTS = 'max-age=63072000; includeSubDomains';

function policyFor(url: string): string {
  if (url.startsWith('/api/') || url === '/api' || url.startsWith('/wp-json') || url.startsWith('/healthz') || url.startsWith('/readyz')) return API_CSP;
  return SITE_CSP;
}

/**
 * Sends the security headers on every response of `server`. They are set on
 * Node's response before anything else runs, so they survive replies written
 * outside Fastify's send (site pages write the response themselves), errors,
 * 404s, redirects, static files and the lazily built applications, which
 * answer on the same response. A route that needs another policy (AMP pages,
 * the newsroom's shell, media files) sets its own, which replaces this one.
 *
 * HSTS goes out when the request came over HTTPS (as TRUST_PROXY lets us
 * see it) or the site's address is https: browsers ignore it over plain HTTP,
 * so it costs nothing there, and a proxy that terminates TLS without
 * TRUST_PROXY set still gets it sent.
 */
export function securityHeaders(server: FastifyInstance, options: { siteUrl: string }): void {
  const isHttpsSite = options.siteUrl.startsWith('https:');
  // Set on the server's own listener, before Fastify runs: an address it cannot decode (`/%`) is answered before any hook.
  server.server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!response.hasHeader('x-content-type-options')) setBaseline(response, { policy: policyFor(request.url ?? '/'), isHttps: isHttpsSite || (request.socket as { encrypted?: boolean }).encrypted === true });
  });
  // The hook covers what the listener cannot: a request injected without a socket, and HTTPS seen by a trusted proxy.
  server.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const response = reply.raw;
    if (!response.headersSent) {
      const isHttps = isHttpsSite || request.protocol === 'https';
      if (!response.hasHeader('x-content-type-options')) setBaseline(response, { policy: policyFor(request.url), isHttps });
      else if (isHttps && !response.hasHeader('strict-transport-security')) response.setHeader('strict-transport-security', HSTS);
    }
    done();
  });
}

function setBaseline(response: ServerResponse, options: { policy: string; isHttps: boolean }): void {
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'strict-origin-when-cross-origin');
  response.setHeader('permissions-policy', PERMISSIONS_POLICY);
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
  response.setHeader('content-security-policy', options.policy);
  if (options.isHttps) response.setHeader('strict-transport-security', HSTS);
}

/**
 * Headers for a file under /media (the static handler's `setHeaders`, with
 * its own content types turned off): a picture type we produce is sent as
 * that type; anything else that found its way into the folder is a download
 * of no particular type, never a page (an .html or .svg would otherwise run
 * as the site's own).
 */
export function mediaFileHeaders(response: { setHeader(name: string, value: string): unknown }, path: string): void {
  const type = PICTURE_TYPES.get(extname(path).toLowerCase());
  response.setHeader('content-security-policy', MEDIA_CSP);
  if (type) {
    response.setHeader('content-type', type);
  } else {
    response.setHeader('content-type', 'application/octet-stream');
    response.setHeader('content-disposition', 'attachment');
  }
}
