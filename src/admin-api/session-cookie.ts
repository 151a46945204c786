import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_DAYS } from '../operations/accounts/sign-in.js';

export const SESSION_COOKIE = 'masthead_session';

/**
 * HttpOnly (no script can read it), SameSite=Lax (not sent on cross-site
 * posts), Secure whenever the request came over HTTPS (directly or, with
 * TRUST_PROXY, through a proxy that says so), scoped to the whole site so the
 * newsroom's pages and its API share it.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    path: '/',
    maxAge: SESSION_DAYS * 86_400,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', path: '/' });
}
