import type { Account } from '../content/store-accounts.js';

/** An account as the API shows it: never its password hash. */
export function publicAccount(account: Account) {
  return { id: account.id, slug: account.slug, name: account.name, email: account.email, role: account.role, status: account.status, createdAt: account.createdAt };
}
