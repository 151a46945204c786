import { AppError } from '../../lib/errors.js';
import type { Role, Staff } from '../../content/roles.js';
import type { Account } from '../../content/store-accounts.js';
import type { OperationContext } from '../context.js';
import { roleChangeInput } from './account-inputs.js';

async function target(context: OperationContext, id: number): Promise<Account> {
  const account = await context.store.accounts.findById(id);
  if (!account) throw new AppError('NOT_FOUND', `No user has id ${id}`);
  return account;
}

/** A site always keeps one active administrator, or nobody could manage it again. */
async function refuseLosingLastAdministrator(context: OperationContext, account: Account, what: string): Promise<void> {
  if (account.role === 'administrator' && account.status === 'active' && (await context.store.accounts.countActiveAdministrators()) <= 1) {
    throw new AppError('CONFLICT', `${account.name} is the only administrator; make someone else an administrator before ${what}`);
  }
}

export async function changeRole(context: OperationContext, _actor: Staff, id: number, input: unknown): Promise<Account> {
  const { role } = roleChangeInput.parse(input);
  return context.store.transaction(async (store) => {
    const account = await target({ ...context, store }, id);
    if (role !== 'administrator') await refuseLosingLastAdministrator({ ...context, store }, account, 'changing their role');
    await store.accounts.setRole(id, role as Role);
    return { ...account, role: role as Role };
  });
}

/** Deactivating ends the person's sessions at once; their posts stay, credited to them. */
export async function deactivateUser(context: OperationContext, actor: Staff, id: number): Promise<Account> {
  if (actor.id === id) throw new AppError('CONFLICT', 'You cannot deactivate your own account');
  return context.store.transaction(async (store) => {
    const account = await target({ ...context, store }, id);
    await refuseLosingLastAdministrator({ ...context, store }, account, 'deactivating them');
    await store.accounts.setStatus(id, 'deactivated');
    await store.accounts.deleteSessionsOf(id);
    return { ...account, status: 'deactivated' };
  });
}

export async function reactivateUser(context: OperationContext, id: number): Promise<Account> {
  return context.store.transaction(async (store) => {
    const account = await target({ ...context, store }, id);
    const status = account.passwordHash ? 'active' : 'invited';
    await store.accounts.setStatus(id, status);
    return { ...account, status };
  });
}
