import { AppError } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';
import { normaliseEmail, resetRequestInput, tokenPasswordInput } from './account-inputs.js';
import type { AccountsContext } from './context.js';
import { hashPassword, issueToken, secretId } from './secrets.js';
import { accountLimiter, THROTTLES, tooManyRequests } from './throttles.js';
import { addressKey } from '../../rate-limit/client-address.js';

const RESET_HOURS = 2;

/**
 * Sends a reset link when the email belongs to an active account, and says
 * nothing either way, so the form cannot be used to find out who has an account.
 *
 * Throttled twice, in the store: an address that asks too often (whatever the
 * emails) is told to wait (429), which says nothing about any account; an
 * email asked for too often gets no more emails, but the answer stays the
 * same, since a 429 there would say the address has an account's inbox
 * filling up, and the inbox is what the limit protects.
 */
export async function requestPasswordReset(context: AccountsContext, input: unknown, client: { ip: string }): Promise<{ link?: string }> {
  const email = normaliseEmail(resetRequestInput.parse(input).email);
  const limiter = accountLimiter(context);
  const byAddress = await limiter.hit(THROTTLES.resetAddress, addressKey(client.ip));
  if (!byAddress.isAllowed) throw tooManyRequests('Too many password reset requests from your address', byAddress);
  if (!(await limiter.hit(THROTTLES.resetAccount, email)).isAllowed) return {};
  const account = await context.store.accounts.findByEmail(email);
  if (!account || account.status !== 'active') return {};
  const token = await context.store.transaction((store) =>
    issueToken(store, { userId: account.id, kind: 'password-reset', now: context.clock.now(), validForMs: RESET_HOURS * 3_600_000 }),
  );
  const link = `${context.siteUrl}/admin/reset-password?token=${encodeURIComponent(token)}`;
  await context.mailer.send({
    to: email,
    subject: 'Reset your newsroom password',
    text: `Someone asked to reset the password of your newsroom account. If it was you, choose a new one here (the link works once, for ${RESET_HOURS} hours):\n${link}\n\nIf it was not you, ignore this email; your password stays as it is.\n`,
  });
  return { link };
}

/**
 * A token from an email (a reset or an invitation) and a new password: the
 * token works once, the password is set, an invited account becomes active,
 * and every other session of the account ends.
 */
export async function setPasswordWithToken(context: OperationContext, kind: 'password-reset' | 'invitation', input: unknown): Promise<{ userId: number }> {
  const { token, password } = tokenPasswordInput.parse(input);
  const passwordHash = await hashPassword(password);
  return context.store.transaction(async (store) => {
    const userId = await store.accounts.useToken(secretId(token), kind, context.clock.now().toISOString());
    if (userId === undefined) {
      const what = kind === 'invitation' ? 'invitation' : 'reset link';
      throw new AppError('BAD_REQUEST', `This ${what} has expired or has been used; ask for a new one`, { issues: [{ path: '/token', message: 'has expired or has been used' }] });
    }
    const account = await store.accounts.findById(userId);
    if (!account || account.status === 'deactivated') throw new AppError('FORBIDDEN', 'This account has been deactivated; ask an administrator');
    await store.accounts.setPassword(userId, passwordHash);
    if (account.status === 'invited') await store.accounts.setStatus(userId, 'active');
    await store.accounts.deleteSessionsOf(userId);
    return { userId };
  });
}
