import type { FastifyReply } from 'fastify';
import type { PagePart } from './templates/layout.js';

const HTML = 'text/html; charset=utf-8';

/**
 * Sends a page made of text and of bytes that are already UTF-8 (the site
 * chrome, the stored fragments of a post). Only the text is encoded, and the
 * parts go to the socket as they are, in one write: copying them into one
 * buffer first would allocate and copy the whole page again on every request,
 * which costs more than rendering what is left to render.
 */
export function sendPage(reply: FastifyReply, parts: PagePart[], options: { status?: number; cacheControl: string; headers?: Record<string, string> }): FastifyReply {
  let length = 0;
  for (const part of parts) length += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
  reply.hijack();
  const response = reply.raw;
  response.writeHead(options.status ?? 200, { ...options.headers, 'content-type': HTML, 'content-length': length, 'cache-control': options.cacheControl });
  response.cork();
  for (const part of parts) response.write(part);
  response.end();
  response.uncork();
  return reply;
}
