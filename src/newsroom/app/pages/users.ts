import { ROLES, type Role } from '../../../content/roles.js';
import { get, post, put } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { formatDateTime, h, replace, uniqueId } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { button, selectField, textField, whileBusy } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { signedInUser } from '../session.js';

interface Account {
  id: number;
  slug: string;
  name: string;
  email: string;
  role: Role;
  status: 'invited' | 'active' | 'deactivated';
  createdAt: string;
}

const ROLE_CHOICES = ROLES.map((role) => ({ value: role, label: role.charAt(0).toUpperCase() + role.slice(1) }));
const STATUS_TEXT = { invited: 'Invited, not yet joined', active: 'Active', deactivated: 'Deactivated' } as const;

/** Administrators invite people, change their roles and deactivate or reactivate them. */
export async function usersPage({ root, alert }: PageContext): Promise<void> {
  const list = h('div', { class: 'table-wrap' });

  const invite = h(
    'form',
    { class: 'stack narrow', novalidate: true, 'aria-labelledby': 'invite-heading' },
    textField({ name: 'name', label: 'Name', isRequired: true, maxLength: 200 }).element,
    textField({ name: 'email', label: 'Email', type: 'email', isRequired: true }).element,
    selectField({ name: 'role', label: 'Role', choices: ROLE_CHOICES, value: 'author', hint: 'Contributors write and submit; authors also publish their own; editors publish anyone’s; administrators also manage people and settings.' }).element,
    button('Send invitation', null, { isSubmit: true, variant: 'primary' }),
  );
  onSubmit(invite, alert, async () => {
    const email = valueOf(invite, 'email');
    await post('/users/invitations', { name: valueOf(invite, 'name'), email, role: valueOf(invite, 'role') });
    invite.reset();
    announce(`Invitation sent to ${email}.`);
    await draw();
  });

  async function act(control: HTMLElement, work: () => Promise<unknown>, done: string): Promise<void> {
    await whileBusy(control, async () => {
      try {
        await work();
        announce(done);
        await draw();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  function row(account: Account): HTMLTableRowElement {
    const isMe = account.id === signedInUser()?.id;
    const role = selectField({ name: `role-${account.id}`, label: `Role of ${account.name}`, choices: ROLE_CHOICES, value: account.role });
    role.element.classList.add('field--compact');
    role.element.querySelector('label')!.classList.add('visually-hidden');
    const statusId = uniqueId('user-status');
    const saveRole = h('button', { type: 'button', class: 'button', 'aria-label': `Save role for ${account.name}` }, 'Save role');
    saveRole.addEventListener('click', () => act(saveRole, () => put(`/users/${account.id}/role`, { role: role.control.value }), `${account.name} is now ${role.control.value}.`));
    const toggle =
      account.status === 'deactivated'
        ? h('button', { type: 'button', class: 'button', 'aria-label': `Reactivate ${account.name}` }, 'Reactivate')
        : h('button', { type: 'button', class: 'button button--danger', 'aria-label': `Deactivate ${account.name}`, 'aria-describedby': statusId }, 'Deactivate');
    toggle.addEventListener('click', async () => {
      if (account.status === 'deactivated') return act(toggle, () => post(`/users/${account.id}/reactivate`), `${account.name} can sign in again.`);
      const isSure = await confirmDialog({ title: `Deactivate ${account.name}?`, message: 'They are signed out at once and cannot sign in until reactivated. Their posts stay as they are.', confirmLabel: 'Deactivate' });
      if (isSure) await act(toggle, () => post(`/users/${account.id}/deactivate`), `${account.name} is deactivated.`);
    });
    // Someone who has not joined yet (an imported author, or an invitation that expired) can be sent a fresh link.
    const reinvite =
      account.status === 'invited' && account.email
        ? h('button', { type: 'button', class: 'button', 'aria-label': `Send an invitation to ${account.name}` }, 'Send invitation')
        : null;
    reinvite?.addEventListener('click', () =>
      act(reinvite, () => post('/users/invitations', { name: account.name, email: account.email, role: account.role }), `Invitation sent to ${account.email}.`),
    );
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, account.name, isMe ? ' (you)' : ''),
      h('td', null, account.email),
      h('td', null, h('div', { class: 'inline-controls' }, role.element, saveRole)),
      h('td', { id: statusId }, STATUS_TEXT[account.status]),
      h('td', null, formatDateTime(account.createdAt)),
      h('td', null, h('div', { class: 'inline-controls' }, reinvite, toggle)),
    );
  }

  async function draw(): Promise<void> {
    const { items } = await get<{ items: Account[] }>('/users');
    replace(
      list,
      h(
        'table',
        null,
        h('caption', { class: 'visually-hidden' }, `${items.length} people`),
        h('thead', null, h('tr', null, ['Name', 'Email', 'Role', 'Status', 'Joined', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
        h('tbody', null, items.map(row)),
      ),
    );
  }

  replace(root, pageHeading('Users'), h('h2', { id: 'invite-heading' }, 'Invite someone'), h('p', null, 'They get an email with a link to choose a password. It works once, for 7 days.'), invite, h('h2', null, 'Everyone with an account'), list);
  await draw();
}
