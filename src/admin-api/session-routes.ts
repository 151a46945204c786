import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { ResetRequestInput, SetupInput, SignInInput, TokenPasswordInput } from '../operations/accounts/account-inputs.js';
import { createFirstAdministrator } from '../operations/accounts/create-account.js';
import type { AccountsContext } from '../operations/accounts/context.js';
import { requestPasswordReset, setPasswordWithToken } from '../operations/accounts/passwords.js';
import { findSession, requireSession, signOut, signOutEverywhere } from '../operations/accounts/sessions.js';
import { signIn } from '../operations/accounts/sign-in.js';
import { staffOf } from './guard.js';
import { clearSessionCookie, deviceCookieOf, setDeviceCookie, setSessionCookie } from './session-cookie.js';

const tags = ['Session'];

/** Signing in and out, resetting a password, accepting an invitation. */
export async function sessionRoutes(app: FastifyInstance, { context }: { context: AccountsContext }): Promise<void> {
  app.post('/session', { schema: { tags, summary: 'Sign in with email and password', body: SignInInput } }, async (request, reply) => {
    const session = await signIn(context, request.body, { ip: request.ip, userAgent: request.headers['user-agent'], deviceToken: deviceCookieOf(request) });
    setSessionCookie(request, reply, session.token);
    setDeviceCookie(request, reply, session.deviceToken);
    const opened = await findSession(context, session.token);
    return reply.code(201).send({ user: opened!.staff, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });

  app.get('/session', { schema: { tags, summary: 'Who is signed in, and the CSRF token for their requests' } }, async (request) => {
    const session = requireSession(request.staffSession);
    return { user: session.staff, csrfToken: session.csrfToken };
  });

  app.delete('/session', { schema: { tags, summary: 'Sign out of this browser' } }, async (request, reply) => {
    await signOut(context, requireSession(request.staffSession));
    clearSessionCookie(request, reply);
    return reply.code(204).send();
  });

  app.post('/session/sign-out-everywhere', { schema: { tags, summary: 'End every session of the signed-in person, on every device' } }, async (request, reply) => {
    const ended = await signOutEverywhere(context, staffOf(request).id);
    clearSessionCookie(request, reply);
    return { ended };
  });

  app.post('/password-reset', { schema: { tags, summary: 'Email a password-reset link (the answer is the same whether or not the account exists)', body: ResetRequestInput } }, async (request, reply) => {
    await requestPasswordReset(context, request.body, { ip: request.ip });
    return reply.code(202).send({ message: 'If that email belongs to an account, a reset link is on its way.' });
  });

  app.post('/password-reset/confirm', { schema: { tags, summary: 'Choose a new password with the emailed token', body: TokenPasswordInput } }, async (request, reply) => {
    await setPasswordWithToken(context, 'password-reset', request.body);
    return reply.code(204).send();
  });

  app.post('/invitations/accept', { schema: { tags, summary: 'Accept an invitation by choosing a password', body: TokenPasswordInput } }, async (request, reply) => {
    await setPasswordWithToken(context, 'invitation', request.body);
    return reply.code(204).send();
  });

  app.get('/setup', { schema: { tags, summary: 'Whether the site still needs its first administrator', response: { 200: Type.Object({ isNeeded: Type.Boolean() }) } } }, async () => ({
    isNeeded: (await context.store.accounts.countWithPassword()) === 0,
  }));

  // The one-time setup: only while nobody can sign in (checked in the same transaction that creates the first).
  app.post('/setup', { schema: { tags, summary: 'Create the first administrator (only while no account exists), and sign in', body: SetupInput } }, async (request, reply) => {
    const body = request.body as { email: string; name: string; password: string };
    await createFirstAdministrator(context, body);
    const session = await signIn(context, { email: body.email, password: body.password }, { ip: request.ip, userAgent: request.headers['user-agent'], deviceToken: deviceCookieOf(request) });
    setSessionCookie(request, reply, session.token);
    setDeviceCookie(request, reply, session.deviceToken);
    const opened = await findSession(context, session.token);
    return reply.code(201).send({ user: opened!.staff, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
  });
}
