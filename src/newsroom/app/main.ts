import { whenUnauthorized } from './api.js';
import { byId, h, replace } from './dom.js';
import { alertRegion, announce, showError } from './feedback.js';
import { button } from './fields.js';
import { drawHeader } from './header.js';
import { pageHeading, type LeavePage, type PageRoute } from './page.js';
import { ROUTES } from './route-table.js';
import { matchRoute, navigate, startRouter } from './router.js';
import { resumeSession, signedInUser, userCan } from './session.js';
import { isSetupNeeded } from './pages/setup.js';

/**
 * The newsroom app: finds out who is signed in, then draws the page for the
 * address into the shell's <main>, and again on every navigation.
 */

const main = byId('main');
const alert = alertRegion();
let leaveCurrent: LeavePage | undefined;
let drawing = 0;

const notFoundPage: PageRoute = {
  pattern: '',
  access: 'public',
  render: async ({ root }) => {
    replace(root, pageHeading('Page not found'), h('p', null, 'The newsroom has no page at this address. '), h('p', null, h('a', { href: '/admin' }, 'Go to the list of posts')));
  },
};

const forbiddenPage: PageRoute = {
  pattern: '',
  access: 'public',
  render: async ({ root }) => {
    replace(root, pageHeading('Not available to your role'), h('p', null, 'Your role cannot use this page. Ask an administrator if you need it.'), h('p', null, h('a', { href: '/admin' }, 'Go to the list of posts')));
  },
};

async function show(isFirst: boolean): Promise<void> {
  const ticket = ++drawing;
  const leaving = leaveCurrent;
  leaveCurrent = undefined;
  await leaving?.();
  const url = new URL(location.href);
  const match = matchRoute(ROUTES, url.pathname);
  const route = match?.route ?? notFoundPage;
  const user = signedInUser();
  if (!user && route.access !== 'public') {
    const target = (await isSetupNeeded()) ? '/admin/setup' : `/admin/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`;
    navigate(target, { isReplacing: true });
    return;
  }
  if (user && (route.pattern === '/admin/sign-in' || route.pattern === '/admin/setup')) {
    navigate('/admin', { isReplacing: true });
    return;
  }
  const allowed = route.access === 'public' || route.access === 'signed-in' || userCan(route.access);
  drawHeader(alert);
  const root = h('div', { class: 'page' });
  replace(alert);
  replace(main, alert, root);
  try {
    const leave = await (allowed ? route : forbiddenPage).render({ root, alert, params: match?.params ?? {}, query: url.searchParams });
    if (ticket !== drawing) {
      await leave?.();
      return;
    }
    leaveCurrent = leave ?? undefined;
  } catch (error) {
    // A page that could not load still gets a title, so the person knows where they are.
    if (!root.querySelector('h1')) root.prepend(pageHeading('This page could not be shown'), h('p', null, h('a', { href: '/admin' }, 'Go to the list of posts')));
    showError(alert, error);
  }
  if (!isFirst) root.querySelector<HTMLElement>('h1')?.focus();
}

// Going to the sign-in page here would leave the page and what was typed on
// it; signing in in another tab and carrying on here loses nothing.
whenUnauthorized(() => {
  const resume = button('I have signed in again', async () => {
    if (await resumeSession()) {
      replace(alert);
      announce('Signed in again. You can carry on.');
    }
  });
  replace(
    alert,
    h('p', null, 'Your session has ended, so that was not saved. What you typed is still here.'),
    h('p', null, h('a', { href: '/admin/sign-in', target: '_blank' }, 'Sign in again in a new tab'), ', then come back to this tab. ', resume),
  );
});

try {
  await resumeSession({ isCookieKnownMissing: document.body.dataset.session === 'none' });
  startRouter((isFirst) => void show(isFirst));
} catch (error) {
  replace(main, alert, pageHeading('Newsroom'));
  showError(alert, error);
}
