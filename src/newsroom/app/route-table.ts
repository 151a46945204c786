import type { PageRoute } from './page.js';
import { accountPage } from './pages/account.js';
import { categoriesPage } from './pages/categories.js';
import { acceptInvitationPage, forgotPasswordPage, resetPasswordPage } from './pages/password-pages.js';
import { mediaPage } from './pages/media-library.js';
import { postEditorPage } from './pages/post-editor.js';
import { postListPage } from './pages/post-list.js';
import { redirectsPage } from './pages/redirects.js';
import { jobsPage } from './pages/jobs.js';
import { revisionsPage } from './pages/revisions.js';
import { settingsPage } from './pages/settings.js';
import { setupPage } from './pages/setup.js';
import { signInPage } from './pages/sign-in.js';
import { tagsPage } from './pages/tags.js';
import { usersPage } from './pages/users.js';

/** Every page of the newsroom, by address. The first that matches wins. */
export const ROUTES: readonly PageRoute[] = [
  { pattern: '/admin', render: postListPage, access: 'signed-in' },
  { pattern: '/admin/posts', render: postListPage, access: 'signed-in' },
  { pattern: '/admin/posts/new', render: postEditorPage, access: 'posts.write-own' },
  { pattern: '/admin/posts/:id', render: postEditorPage, access: 'posts.write-own' },
  { pattern: '/admin/posts/:id/revisions', render: revisionsPage, access: 'posts.write-own' },
  { pattern: '/admin/media', render: mediaPage, access: 'signed-in' },
  { pattern: '/admin/categories', render: categoriesPage, access: 'terms.manage' },
  { pattern: '/admin/tags', render: tagsPage, access: 'terms.manage' },
  { pattern: '/admin/redirects', render: redirectsPage, access: 'redirects.manage' },
  { pattern: '/admin/jobs', render: jobsPage, access: 'jobs.manage' },
  { pattern: '/admin/users', render: usersPage, access: 'users.manage' },
  { pattern: '/admin/settings', render: settingsPage, access: 'settings.manage' },
  { pattern: '/admin/account', render: accountPage, access: 'signed-in' },
  { pattern: '/admin/sign-in', render: signInPage, access: 'public' },
  { pattern: '/admin/setup', render: setupPage, access: 'public' },
  { pattern: '/admin/forgot-password', render: forgotPasswordPage, access: 'public' },
  { pattern: '/admin/reset-password', render: resetPasswordPage, access: 'public' },
  { pattern: '/admin/accept-invitation', render: acceptInvitationPage, access: 'public' },
];
