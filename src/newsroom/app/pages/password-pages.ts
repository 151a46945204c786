import { post } from '../api.js';
import { h, replace } from '../dom.js';
import { announce } from '../feedback.js';
import { button, textField } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { navigate } from '../router.js';

/** Asks for a reset link; the answer is the same whether or not the email has an account. */
export async function forgotPasswordPage({ root, alert }: PageContext): Promise<void> {
  const email = textField({ name: 'email', label: 'Email', type: 'email', autocomplete: 'username', isRequired: true });
  const done = h('p', { class: 'note', hidden: true });
  const form = h('form', { class: 'stack narrow', novalidate: true }, email.element, button('Send reset link', null, { isSubmit: true, variant: 'primary' }));
  onSubmit(form, alert, async () => {
    const answer = await post<{ message?: string }>('/password-reset', { email: valueOf(form, 'email') });
    done.textContent = answer?.message ?? 'If that email belongs to an account, a reset link is on its way.';
    done.hidden = false;
    announce(done.textContent);
  });
  replace(root, pageHeading('Reset your password'), h('p', null, 'We will email you a link to choose a new password. It works once, for two hours.'), form, done, h('p', null, h('a', { href: '/admin/sign-in' }, 'Back to sign in')));
}

/** The page an emailed link opens: a token in the address, and a password to choose with it. */
function choosePasswordPage(options: { title: string; intro: string; action: string; endpoint: string; then: string }) {
  return async ({ root, alert, query }: PageContext): Promise<void> => {
    const token = query.get('token');
    if (!token) {
      replace(root, pageHeading(options.title), h('p', null, 'This address has no token. Open the link from the email again, whole; if it still fails, ask for a new one.'));
      return;
    }
    const password = textField({ name: 'password', label: 'New password', type: 'password', autocomplete: 'new-password', isRequired: true, hint: 'At least 10 characters.' });
    const form = h('form', { class: 'stack narrow', novalidate: true }, password.element, button(options.action, null, { isSubmit: true, variant: 'primary' }));
    onSubmit(form, alert, async () => {
      await post(options.endpoint, { token, password: password.control.value });
      navigate(options.then, { isReplacing: true });
    });
    replace(root, pageHeading(options.title), h('p', null, options.intro), form);
  };
}

export const resetPasswordPage = choosePasswordPage({
  title: 'Choose a new password',
  intro: 'Choosing one signs you out everywhere you were signed in.',
  action: 'Set new password',
  endpoint: '/password-reset/confirm',
  then: '/admin/sign-in?passwordSet=1',
});

export const acceptInvitationPage = choosePasswordPage({
  title: 'Accept your invitation',
  intro: 'Choose the password you will sign in with. Your email is the one the invitation was sent to.',
  action: 'Accept invitation',
  endpoint: '/invitations/accept',
  then: '/admin/sign-in?accepted=1',
});
