import { get, post } from '../api.js';
import { h, replace } from '../dom.js';
import { announce } from '../feedback.js';
import { button, textField } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { navigate } from '../router.js';
import { resumeSession, startSession, type SessionAnswer } from '../session.js';

export async function isSetupNeeded(): Promise<boolean> {
  return (await get<{ isNeeded: boolean }>('/setup')).isNeeded;
}

/** The one-time page that creates the first administrator, shown while no account exists. */
export async function setupPage({ root, alert }: PageContext): Promise<void> {
  if (!(await isSetupNeeded())) {
    replace(root, pageHeading('The newsroom is set up'), h('p', null, 'It already has an administrator. ', h('a', { href: '/admin/sign-in' }, 'Sign in')));
    return;
  }
  const name = textField({ name: 'name', label: 'Name', autocomplete: 'name', isRequired: true, maxLength: 200 });
  const email = textField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', isRequired: true });
  const password = textField({ name: 'password', label: 'Password', type: 'password', autocomplete: 'new-password', isRequired: true, hint: 'At least 10 characters. A few unrelated words make a strong one.' });
  const form = h('form', { class: 'stack narrow', novalidate: true }, name.element, email.element, password.element, button('Create administrator account', null, { isSubmit: true, variant: 'primary' }));
  onSubmit(form, alert, async () => {
    const answer = await post<Partial<SessionAnswer>>('/setup', { name: valueOf(form, 'name'), email: valueOf(form, 'email'), password: password.control.value });
    if (answer.user && answer.csrfToken) startSession(answer as SessionAnswer);
    else await resumeSession();
    announce('Your administrator account is ready.');
    navigate('/admin', { isReplacing: true });
  });
  replace(
    root,
    pageHeading('Set up the newsroom'),
    h('p', null, 'No one has an account yet. Create the first administrator: you can invite everyone else from the Users page afterwards.'),
    form,
  );
}
