import { AppError } from '../../lib/errors.js';
import type { Account } from '../../content/store-accounts.js';
import type { OperationContext } from '../context.js';
import { addressKey } from '../../rate-limit/client-address.js';
import { normaliseEmail, signInInput } from './account-inputs.js';
import { decoyHash, newSecret, secretId, verifyPassword } from './secrets.js';
import { accountLimiter, THROTTLES, tooManyRequests } from './throttles.js';

export const MAX_FAILURES_PER_ACCOUNT = THROTTLES.signInAccount.limit;
export const MAX_FAILURES_PER_ADDRESS = THROTTLES.signInAddress.limit;
/** A session lasts two weeks, as WordPress's "remember me" does. */
export const SESSION_DAYS = 14;
/** A device stays known for a year after its last sign-in. */
export const DEVICE_DAYS = 365;

export interface NewSession {
  /** Goes in the HttpOnly cookie; the store keeps only its hash. */
  token: string;
  /** Sent back on every state-changing request in a header; see admin-api/csrf. */
  csrfToken: string;
  account: Account;
  expiresAt: string;
  /** The device cookie's token: the one the browser sent when it was this account's, else a new one. */
  deviceToken: string;
}

export interface SignInClient {
  ip: string;
  userAgent?: string;
  /** The device cookie the browser sent, if any. */
  deviceToken?: string;
}

const WRONG = 'The email or password is not right';

/**
 * Email and password to a session, with OWASP's "device cookie" lockout.
 * Attempts are counted before the password is checked (one upsert each, in
 * the store, shared by every process), so of many concurrent guesses only the
 * limit's worth is ever checked; a successful attempt is given back.
 *
 * From a device the account has signed in from before (its device cookie),
 * attempts count against that device alone: an attacker failing from
 * elsewhere locks only unknown devices out, never the owner's own browser.
 * From anywhere else they count against the account and the address.
 * An unknown email costs the same time as a wrong password.
 */
export async function signIn(context: OperationContext, input: unknown, client: SignInClient): Promise<NewSession> {
  const { email: typed, password } = signInInput.parse(input);
  const email = normaliseEmail(typed);
  const { store } = context;
  const limiter = accountLimiter(context);
  const now = context.clock.now();

  const account = await store.accounts.findByEmail(email);
  const deviceId = client.deviceToken ? secretId(client.deviceToken) : undefined;
  const isKnownDevice = account !== undefined && deviceId !== undefined && (await store.accounts.findDeviceOwner(deviceId, now.toISOString())) === account.id;
  const counted = isKnownDevice
    ? [{ rule: THROTTLES.signInDevice, key: deviceId! }]
    : [
        { rule: THROTTLES.signInAddress, key: addressKey(client.ip) },
        { rule: THROTTLES.signInAccount, key: email },
      ];
  for (const { rule, key } of counted) {
    const decision = await limiter.hit(rule, key);
    if (!decision.isAllowed) throw tooManyRequests('Too many failed sign-ins', decision, ', or reset your password');
  }

  const isMatch = await verifyPassword(account?.passwordHash ?? (await decoyHash()), password);
  if (!account || !account.passwordHash || !isMatch) throw new AppError('UNAUTHORIZED', WRONG);
  if (account.status === 'deactivated') throw new AppError('FORBIDDEN', 'This account has been deactivated; ask an administrator');
  // The right password: the account's (or device's) failures are forgotten, and the address gets its attempt back.
  for (const { rule, key } of counted) {
    if (rule === THROTTLES.signInAddress) await limiter.release(rule, key);
    else await limiter.clear(rule, key);
  }

  const deviceToken = isKnownDevice ? client.deviceToken! : newSecret();
  await store.accounts.rememberDevice({
    id: secretId(deviceToken),
    userId: account.id,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + DEVICE_DAYS * 86_400_000).toISOString(),
  });

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
  return { token, csrfToken, account, expiresAt, deviceToken };
}
