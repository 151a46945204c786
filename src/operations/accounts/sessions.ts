import { AppError } from '../../lib/errors.js';
import type { Staff } from '../../content/roles.js';
import type { OperationContext } from '../context.js';
import { secretId } from './secrets.js';

export interface ActiveSession {
  id: string;
  staff: Staff;
  csrfToken: string;
}

/** The session a cookie's token opens, if it is current and its account active. */
export async function findSession(context: OperationContext, token: string): Promise<ActiveSession | undefined> {
  const found = await context.store.accounts.findSession(secretId(token), context.clock.now().toISOString());
  if (!found || found.account.status !== 'active') return undefined;
  const { account } = found;
  return { id: found.session.id, csrfToken: found.session.csrfToken, staff: { id: account.id, name: account.name, email: account.email ?? '', role: account.role } };
}

export async function signOut(context: OperationContext, session: ActiveSession): Promise<void> {
  await context.store.accounts.deleteSession(session.id);
}

/** Ends every session of the person, on every device: after a password change, or when they ask. */
export async function signOutEverywhere(context: OperationContext, userId: number): Promise<number> {
  return context.store.accounts.deleteSessionsOf(userId);
}

/** For the API layer: the session or a 401 that says what to do. */
export function requireSession(session: ActiveSession | undefined): ActiveSession {
  if (!session) throw new AppError('UNAUTHORIZED', 'Sign in to the newsroom first; your session may have ended');
  return session;
}
