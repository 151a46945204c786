import { post } from '../api.js';
import { h, replace } from '../dom.js';
import { button, textField } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { navigate } from '../router.js';
import { safeNext } from '../safe-next.js';
import { startSession, type SessionAnswer } from '../session.js';

const NOTES: Record<string, string> = {
  signedOut: 'You have signed out.',
  everywhere: 'You have signed out on every device.',
  passwordSet: 'Your new password is set. Sign in with it.',
  accepted: 'Your account is ready. Sign in with your email and the password you chose.',
};


export async function signInPage({ root, alert, query }: PageContext): Promise<void> {
  const note = Object.keys(NOTES).find((key) => query.has(key));
  const email = textField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', isRequired: true });
  const password = textField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password', isRequired: true });
  const form = h('form', { class: 'stack narrow', novalidate: true }, email.element, password.element, button('Sign in', null, { isSubmit: true, variant: 'primary' }));
  onSubmit(form, alert, async () => {
    startSession(await post<SessionAnswer>('/session', { email: valueOf(form, 'email'), password: password.control.value }));
    navigate(safeNext(query.get('next')), { isReplacing: true });
  });
  replace(root, pageHeading('Sign in to the newsroom'), note ? h('p', { class: 'note' }, NOTES[note]) : null, form, h('p', null, h('a', { href: '/admin/forgot-password' }, 'Forgot your password?')));
}
