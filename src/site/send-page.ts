import type { FastifyReply } from 'fastify';
import type { PagePart } from './templates/layout.js';
import { keepPage } from '../response-cache/serve-cached.js';

const HTML = 'text/html; charset=utf-8';

/**
 * Sends a page made of text and of bytes that are already UTF-8 (the site
 * chrome, the stored fragments of a post). Only the text is encoded, and the
 * parts go to the socket as they are, in one write: copying them into one
 * buffer first would allocate and copy the whole page again on every request,
 * which costs more than rendering what is left to render. A page its route
 * marked for the response cache (cacheAs) is the exception: it is joined
 * once, kept, and then served from the cache until it changes.
 */
export function sendPage(reply: FastifyReply, parts: PagePart[], options: { status?: number; cacheControl: string; headers?: Record<string, string> }): FastifyReply {
  const status = options.status ?? 200;
  const headers = { ...options.headers, 'content-type': HTML, 'cache-control': options.cacheControl };
  let body: Buffer | undefined;
  const kept = keepPage(reply.raw.req, status, headers, () => (body = Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)))));
  reply.hijack();
  const response = reply.raw;
  if (kept && body) {
    response.writeHead(status, { ...headers, ...kept, 'content-length': body.length });
    response.end(body);
    return reply;
  }
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  response.writeHead(status, { ...headers, 'content-length': length });
  response.cork();
  for (const part of parts) response.write(part);
  response.end();
  response.uncork();
  return reply;
}
