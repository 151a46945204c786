import type { Capability } from '../../content/roles.js';
import { del } from './api.js';
import { byId, h, replace } from './dom.js';
import { showError } from './feedback.js';
import { button, whileBusy } from './fields.js';
import { navigate } from './router.js';
import { endSession, signedInUser, userCan } from './session.js';

const SECTIONS: ReadonlyArray<{ href: string; label: string; capability?: Capability }> = [
  { href: '/admin/posts', label: 'Posts' },
  { href: '/admin/media', label: 'Media' },
  { href: '/admin/categories', label: 'Categories', capability: 'terms.manage' },
  { href: '/admin/tags', label: 'Tags', capability: 'terms.manage' },
  { href: '/admin/redirects', label: 'Redirects', capability: 'redirects.manage' },
  { href: '/admin/jobs', label: 'Jobs', capability: 'jobs.manage' },
  { href: '/admin/users', label: 'Users', capability: 'users.manage' },
  { href: '/admin/settings', label: 'Settings', capability: 'settings.manage' },
];

/** The banner: the newsroom's sections for this role, who is signed in, and signing out. */
export function drawHeader(alert: HTMLElement): void {
  const user = signedInUser();
  const path = location.pathname.replace(/\/+$/, '');
  const isCurrent = (href: string) => path === href || path.startsWith(`${href}/`) || (href === '/admin/posts' && path === '/admin');
  const signOut = button('Sign out', async (event) => {
    await whileBusy(event.currentTarget as HTMLElement, async () => {
      try {
        await del('/session');
        endSession();
        navigate('/admin/sign-in?signedOut=1');
      } catch (error) {
        showError(alert, error);
      }
    });
  }, { variant: 'quiet' });
  replace(
    byId('app-header'),
    h(
      'header',
      { class: 'app-header' },
      h('p', { class: 'app-header__brand' }, h('a', { href: '/admin' }, 'Newsroom')),
      user
        ? [
            h('nav', { 'aria-label': 'Newsroom' }, h('ul', null, SECTIONS.filter((s) => !s.capability || userCan(s.capability)).map((s) => h('li', null, h('a', { href: s.href, 'aria-current': isCurrent(s.href) ? 'page' : undefined }, s.label))))),
            h('div', { class: 'app-header__account' }, h('a', { href: '/admin/account', 'aria-current': isCurrent('/admin/account') ? 'page' : undefined }, user.name), h('span', { class: 'role' }, ` (${user.role})`), signOut),
          ]
        : null,
    ),
  );
}
