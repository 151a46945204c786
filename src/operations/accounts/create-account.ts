import { AppError } from '../../lib/errors.js';
import type { Role, Staff } from '../../content/roles.js';
import type { Account } from '../../content/store-accounts.js';
import type { Store } from '../../content/store.js';
import { uniqueSlug } from '../../content/unique-slug.js';
import type { OperationContext } from '../context.js';
import { invitationInput, newAccountInput, normaliseEmail } from './account-inputs.js';
import type { AccountsContext } from './context.js';
import { hashPassword, issueToken } from './secrets.js';
import { accountLimiter, THROTTLES, tooManyRequests } from './throttles.js';
import { addressKey } from '../../rate-limit/client-address.js';

const INVITATION_DAYS = 7;

async function insertAccount(store: Store, input: { email: string; name: string; role: Role; createdAt: string }): Promise<Account> {
  const email = normaliseEmail(input.email);
  if (await store.accounts.findByEmail(email)) {
    throw new AppError('CONFLICT', `Someone already has an account with ${email}`, { issues: [{ path: '/email', message: 'is already used by another account' }] });
  }
  const slug = await uniqueSlug({ wanted: input.name, fallback: 'author', exists: (s) => store.users.slugExists(s) });
  const user = await store.users.insert({ slug, name: input.name, email, bio: null, avatarMediaId: null, role: input.role, createdAt: input.createdAt });
  // A new person with a public byline (an author page once they publish).
  await store.changes.record({ kind: 'author', ids: [user.id] });
  return (await store.accounts.findById(user.id))!;
}

/**
 * An account that can sign in at once: the first administrator (from the
 * command line or the one-time setup page), never anyone else's way in.
 */
export async function createAccount(context: OperationContext, input: unknown): Promise<Account> {
  const parsed = newAccountInput.parse(input);
  const passwordHash = await hashPassword(parsed.password);
  return context.store.transaction(async (store) => {
    const account = await insertAccount(store, { ...parsed, createdAt: context.clock.now().toISOString() });
    await store.accounts.setPassword(account.id, passwordHash);
    return { ...account, passwordHash };
  });
}

/**
 * The first administrator, through the setup page: refused once anyone can
 * sign in, so the page cannot be used twice. Bylines without a password (the
 * demo's, an import's authors) do not close it.
 */
export async function createFirstAdministrator(context: OperationContext, input: { email: unknown; name: unknown; password: unknown }): Promise<Account> {
  return context.store.transaction(async (store) => {
    if ((await store.accounts.countWithPassword()) > 0) throw new AppError('FORBIDDEN', 'This site is already set up; sign in instead');
    return createAccount({ ...context, store }, { ...input, role: 'administrator' });
  });
}

export function invitationLink(siteUrl: string, token: string): string {
  return `${siteUrl}/admin/accept-invitation?token=${encodeURIComponent(token)}`;
}

/**
 * Invites someone: an account that cannot sign in until its owner follows the
 * emailed link and chooses a password. Inviting the same invited person again
 * sends a fresh link and voids the old one.
 */
export async function inviteUser(context: AccountsContext, actor: Staff, input: unknown, client: { ip: string }): Promise<{ account: Account; link: string }> {
  const parsed = invitationInput.parse(input);
  const now = context.clock.now();
  // Counted before anything is written, so a refused invitation changes nothing; an administrator is told plainly.
  const limiter = accountLimiter(context);
  const byAddress = await limiter.hit(THROTTLES.inviteAddress, addressKey(client.ip));
  if (!byAddress.isAllowed) throw tooManyRequests('Too many invitations sent from your address', byAddress);
  const byEmail = await limiter.hit(THROTTLES.inviteAccount, normaliseEmail(parsed.email));
  if (!byEmail.isAllowed) throw tooManyRequests(`Too many invitations to ${normaliseEmail(parsed.email)}`, byEmail);
  const { account, token } = await context.store.transaction(async (store) => {
    const existing = await store.accounts.findByEmail(normaliseEmail(parsed.email));
    const account = existing?.status === 'invited' ? existing : await insertAccount(store, { ...parsed, createdAt: now.toISOString() });
    if (!existing) await store.accounts.setStatus(account.id, 'invited');
    const token = await issueToken(store, { userId: account.id, kind: 'invitation', now, validForMs: INVITATION_DAYS * 86_400_000 });
    return { account: { ...account, status: 'invited' as const }, token };
  });
  const link = invitationLink(context.siteUrl, token);
  await context.mailer.send({
    to: account.email!,
    subject: `${actor.name} invited you to the newsroom`,
    text: `${actor.name} invited you to write for the site as ${account.role}.\n\nChoose your password here (the link works once, for ${INVITATION_DAYS} days):\n${link}\n`,
  });
  return { account, link };
}
