import { post } from '../api.js';
import { h, replace } from '../dom.js';
import { showError } from '../feedback.js';
import { button, whileBusy } from '../fields.js';
import { pageHeading, type PageContext } from '../page.js';
import { navigate } from '../router.js';
import { endSession, signedInUser } from '../session.js';

/** Who is signed in, and ending every session of theirs (a lost phone, a shared computer). */
export async function accountPage({ root, alert }: PageContext): Promise<void> {
  const user = signedInUser()!;
  const explain = h('p', { id: 'sign-out-everywhere-hint' }, 'Ends your sessions on every computer and phone, this one included. Use it if you signed in somewhere you no longer trust.');
  const everywhere = button(
    'Sign out everywhere',
    async (event) => {
      await whileBusy(event.currentTarget as HTMLElement, async () => {
        try {
          await post('/session/sign-out-everywhere');
          endSession();
          navigate('/admin/sign-in?everywhere=1', { isReplacing: true });
        } catch (error) {
          showError(alert, error);
        }
      });
    },
    { variant: 'danger', describedBy: 'sign-out-everywhere-hint' },
  );
  replace(
    root,
    pageHeading('Your account'),
    h('dl', { class: 'facts' }, h('dt', null, 'Name'), h('dd', null, user.name), h('dt', null, 'Email'), h('dd', null, user.email), h('dt', null, 'Role'), h('dd', null, user.role)),
    h('h2', null, 'Sessions'),
    explain,
    everywhere,
    h('p', null, 'To change your password, sign out and use “Forgot your password?” on the sign-in page.'),
  );
}
