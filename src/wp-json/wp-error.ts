import type { FastifyReply, FastifyRequest } from 'fastify';
import { isStoreUnavailable, RETRY_AFTER_SECONDS } from '../lib/unavailable.js';

/**
 * An error as WordPress's REST API reports it, so headless front ends written
 * against WordPress read ours the same way: `{ code, message, data: { status } }`.
 * Codes are WordPress's own (`rest_invalid_param`, `rest_post_invalid_id`…).
 */
export class WpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** A query parameter that fails its check, named as WordPress names it. */
export function invalidParam(name: string, reason: string): WpError {
  return new WpError('rest_invalid_param', `Invalid parameter(s): ${name}`, 400, { params: { [name]: reason }, details: { [name]: { code: 'rest_invalid_type', message: reason } } });
}

export function wpErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof WpError) {
    if (typeof error.data.retry_after === 'number') reply.header('retry-after', String(error.data.retry_after));
    return reply.code(error.status).header('cache-control', 'no-store').send({ code: error.code, message: error.message, data: { status: error.status, ...error.data } });
  }
  if (isStoreUnavailable(error)) {
    // The database is down (logged once, when it went): a client should come back in a few seconds.
    const body = { code: 'rest_store_unavailable', message: (error as Error).message, data: { status: 503 } };
    return reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store').send(body);
  }
  const status = (error as { statusCode?: number }).statusCode;
  const isClientError = status !== undefined && status >= 400 && status < 500;
  if (!isClientError) request.log.error({ err: error }, 'request failed');
  // Readers never see what went wrong inside: no SQL, no stack.
  const body = isClientError
    ? { code: 'rest_invalid_request', message: 'The request could not be understood.', data: { status } }
    : { code: 'rest_internal_error', message: 'Something went wrong.', data: { status: 500 } };
  return reply.code(body.data.status ?? 500).header('cache-control', 'no-store').send(body);
}

export function wpNotFoundHandler(_request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).header('cache-control', 'no-store').send({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
}
