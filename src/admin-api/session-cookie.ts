import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_DAYS, SESSION_DAYS } from '../operations/accounts/sign-in.js';

export const SESSION_COOKIE = 'masthead_session';
export const DEVICE_COOKIE = 'masthead_device';
/** The device cookie is only read when signing in, so only sign-in addresses get it. */
const DEVICE_COOKIE_PATH = '/api/admin/';

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

/**
 * The device cookie of OWASP's "device cookie" lockout: a random token (the
 * store keeps its SHA-256) that says this browser signed in to the account
 * before, so a lock others caused does not apply to it. HttpOnly, and
 * SameSite=Strict: no other site can make a browser send it.
 */
export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: DEVICE_COOKIE_PATH,
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export function deviceCookieOf(request: FastifyRequest): string | undefined {
  const value = request.cookies[DEVICE_COOKIE];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}
