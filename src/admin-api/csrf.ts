import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../lib/errors.js';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request made with a session cookie must carry the
 * session's CSRF token in a header, which another site's page cannot read or
 * set (a synchronizer token, on top of SameSite=Lax cookies). Bodies must be
 * JSON, which a cross-site form cannot send without the browser asking first.
 */
export function checkCsrf(request: FastifyRequest): void {
  if (SAFE_METHODS.has(request.method)) return;
  const type = request.headers['content-type'];
  if (request.body !== undefined && !(type ?? '').toLowerCase().startsWith('application/json')) {
    throw new AppError('BAD_REQUEST', 'The newsroom API takes JSON bodies (Content-Type: application/json)');
  }
  const session = request.staffSession;
  if (!session) return;
  const sent = request.headers[CSRF_HEADER];
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(typeof sent === 'string' ? sent : '');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new AppError('FORBIDDEN', `This request needs the ${CSRF_HEADER} header the session was given; reload the newsroom and try again`);
  }
}
