import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Answers with the bytes, or with 304 and no body when the reader already
 * has them. Feed readers poll often; most polls find nothing new.
 *
 * The ETag is strong, a hash of the exact bytes, so it changes with anything
 * the feed shows (a setting as well as a story). Last-Modified is the newest
 * story's update, for readers that only send If-Modified-Since; when both
 * are sent, If-None-Match decides (RFC 9110, 13.2.2).
 */
export function sendConditional(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { body: string; contentType: string; cacheControl: string; lastModified: string | null },
): FastifyReply {
  const bytes = Buffer.from(input.body, 'utf8');
  const etag = `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 32)}"`;
  reply.header('etag', etag).header('cache-control', input.cacheControl);
  const lastModified = input.lastModified === null ? null : new Date(input.lastModified);
  if (lastModified) reply.header('last-modified', lastModified.toUTCString());
  if (isNotModified(request.headers, { etag, lastModified })) return reply.code(304).send();
  return reply.header('content-type', input.contentType).send(bytes);
}

function isNotModified(headers: FastifyRequest['headers'], current: { etag: string; lastModified: Date | null }): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    // If-None-Match compares weakly: W/"x" matches "x".
    const tags = ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return tags.includes('*') || tags.includes(current.etag);
  }
  const ifModifiedSince = headers['if-modified-since'];
  if (ifModifiedSince === undefined || current.lastModified === null) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; the story's time has milliseconds.
  return !Number.isNaN(since) && Math.floor(current.lastModified.getTime() / 1000) * 1000 <= since;
}
