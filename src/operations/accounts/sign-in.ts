import { AppError } from '../../lib/errors.js';
import type { Account } from '../../content/store-accounts.js';
import type { OperationContext } from '../context.js';
import { normaliseEmail, signInInput } from './account-inputs.js';
import { decoyHash, newSecret, secretId, verifyPassword } from './secrets.js';

/** Failed sign-ins counted over this window, per account and per address. */
const WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;
/** A session lasts two weeks, as WordPress's "remember me" does. */
export const SESSION_DAYS = 14;

export interface NewSession {
  /** Goes in the HttpOnly cookie; the store keeps only its hash. */
  token: string;
  /** Sent back on every state-changing request in a header; see admin-api/csrf. */
  csrfToken: string;
  account: Account;
  expiresAt: string;
}

const WRONG = 'The email or password is not right';

/**
 * Email and password to a session. Failures are counted per account and per
 * address in the store (so every process and machine shares the count), and
 * past the limit the answer is "wait" whatever the password, so guessing
 * gets nowhere. An unknown email costs the same time as a wrong password.
 */
export async function signIn(context: OperationContext, input: unknown, client: { ip: string; userAgent?: string }): Promise<NewSession> {
  const { email: typed, password } = signInInput.parse(input);
  const email = normaliseEmail(typed);
  const { store } = context;
  const now = context.clock.now();
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const accountKey = `account:${email}`;
  const addressKey = `address:${client.ip}`;
  const [accountFailures, addressFailures] = await Promise.all([store.accounts.countFailures(accountKey, since), store.accounts.countFailures(addressKey, since)]);
  if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    throw new AppError('TOO_MANY_REQUESTS', `Too many failed sign-ins; try again in ${WINDOW_MS / 60_000} minutes, or reset your password`);
  }

  const account = await store.accounts.findByEmail(email);
  const isMatch = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
  if (!account || !account.passwordHash || !isMatch) {
    await Promise.all([store.accounts.recordFailure(accountKey, now.toISOString()), store.accounts.recordFailure(addressKey, now.toISOString())]);
    throw new AppError('UNAUTHORIZED', WRONG);
  }
  if (account.status === 'deactivated') throw new AppError('FORBIDDEN', 'This account has been deactivated; ask an administrator');
  await store.accounts.clearFailures(accountKey);

  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000).toISOString();
  await store.accounts.createSession({
    id: secretId(token),
    userId: account.id,
    csrfToken,
    createdAt: now.toISOString(),
    expiresAt,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, account, expiresAt };
}
