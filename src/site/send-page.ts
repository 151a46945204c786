import type { FastifyReply } from 'fastify';
import type { PagePart } from './templates/layout.js';

const HTML = 'text/html; charset=utf-8';

/**
 * Sends a page made of text and of bytes that are already UTF-8 (the site
 * chrome, the stored article body). Only the text is encoded: encoding a long
 * string with curly quotes in it is the costliest step of serving a page, so
 * the parts that never change are encoded once, ahead of time.
 */
export function sendPage(reply: FastifyReply, parts: PagePart[], options: { status?: number; cacheControl: string }): FastifyReply {
  const buffers = parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part));
  return reply
    .code(options.status ?? 200)
    .header('content-type', HTML)
    .header('cache-control', options.cacheControl)
    .send(Buffer.concat(buffers));
}
