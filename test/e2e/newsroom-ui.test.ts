import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_WAIT_MS, launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import { keepingMailer, type RunningServer } from '../helpers/server.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@news.example', password: 'correct horse battery staple' };
const INVITEE = { name: 'Ben Byline', email: 'ben@news.example', password: 'a long enough passphrase' };

/**
 * The newsroom in a real browser with JavaScript on, against the real API and
 * store: what a person does, by the names a screen reader would announce.
 * The tests run in order, as one newsroom's first day.
 */
describe('the newsroom app in a real browser', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const mailer = keepingMailer();
  /** Uncaught script errors and Content-Security-Policy refusals; either means the app is broken somewhere. */
  const problems: string[] = [];

  async function openPage(into: BrowserContext): Promise<Page> {
    const opened = await into.newPage();
    opened.setDefaultTimeout(BROWSER_WAIT_MS);
    opened.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    opened.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
    return opened;
  }

  before(async () => {
    [t, built] = await Promise.all([createTestStore('sqlite'), buildNewsroomForTest()]);
    server = await startNewsroomServer({ store: t.store, dataDir: t.dataDir, mailer, assetsDir: built.dir });
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await openPage(context);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    await built?.remove();
  });

  test('an empty newsroom opens on setup, which creates the first administrator and signs them in', async () => {
    await page.goto(`${server.url}/admin`);
    await page.getByRole('heading', { level: 1, name: 'Set up the newsroom' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/admin/setup');
    await page.getByLabel('Name').fill(ADMIN.name);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create administrator account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    assert.equal(await page.getByRole('banner').getByRole('link', { name: ADMIN.name }).count(), 1);
    assert.ok(await page.getByRole('button', { name: 'New article' }).isVisible());
    const accounts = await t.store.accounts.list();
    assert.deepEqual(accounts.map((a) => [a.email, a.role, a.status]), [[ADMIN.email, 'administrator', 'active']]);
  });

  test('setup is gone once someone has an account', async () => {
    const fresh = await openPage(await browser.newContext());
    await fresh.goto(`${server.url}/admin/setup`);
    await fresh.getByRole('heading', { level: 1, name: 'The newsroom is set up' }).waitFor();
    assert.equal(await fresh.getByLabel('Password').count(), 0);
    await fresh.context().close();
  });

  test('signs out, refuses a wrong password with a message, and signs in with Email, Password and Sign in', async () => {
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to the newsroom' }).waitFor();
    assert.ok(await page.getByText('You have signed out.').isVisible());
    // Signed out, a newsroom address leads to sign-in, and back to that address after it.
    await page.goto(`${server.url}/admin/users`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText(/.+/).first().waitFor();
    assert.match(await alert.innerText(), /password/i);
    assert.equal(await page.getByLabel('Email').inputValue(), ADMIN.email, 'what was typed stays');
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
  });

  test('an administrator invites someone; the emailed link lets them choose a password and sign in', async () => {
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    const invite = page.locator('form', { has: page.getByRole('button', { name: 'Send invitation' }) });
    await invite.getByLabel('Name').fill(INVITEE.name);
    await invite.getByLabel('Email').fill(INVITEE.email);
    await invite.getByLabel('Role').selectOption('author');
    await invite.getByRole('button', { name: 'Send invitation' }).click();
    await page.getByRole('status').getByText(`Invitation sent to ${INVITEE.email}.`).waitFor();
    const row = page.getByRole('row', { name: new RegExp(INVITEE.name) });
    await row.getByText('Invited, not yet joined').waitFor();
    assert.equal(mailer.sent.at(-1)?.to, INVITEE.email);

    const link = new URL(mailer.lastLink());
    assert.equal(link.pathname, '/admin/accept-invitation');
    const invitee = await openPage(await browser.newContext());
    await invitee.goto(server.url + link.pathname + link.search);
    await invitee.getByRole('heading', { level: 1, name: 'Accept your invitation' }).waitFor();
    await invitee.getByLabel('New password').fill(INVITEE.password);
    await invitee.getByRole('button', { name: 'Accept invitation' }).click();
    await invitee.getByText('Your account is ready.', { exact: false }).waitFor();
    await invitee.getByLabel('Email').fill(INVITEE.email);
    await invitee.getByLabel('Password').fill(INVITEE.password);
    await invitee.getByRole('button', { name: 'Sign in' }).click();
    await invitee.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    const sections = await invitee.getByRole('navigation', { name: 'Newsroom' }).getByRole('link').allInnerTexts();
    assert.deepEqual(sections, ['Posts', 'Media'], 'an author sees no Users, Settings or taxonomy pages');
    await invitee.context().close();

    await page.reload();
    await page.getByRole('row', { name: new RegExp(INVITEE.name) }).getByText('Active').waitFor();
  });

  test('changes a site setting, and the public site shows it', async () => {
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Site settings' }).waitFor();
    await page.getByLabel('Site title').fill('Mamas Uncut');
    await page.getByLabel('Only its summary').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved', { exact: false }).waitFor();
    assert.match(await (await server.get('/')).text(), /Mamas Uncut/);
    await page.reload();
    assert.equal(await page.getByLabel('Site title').inputValue(), 'Mamas Uncut');
    assert.ok(await page.getByLabel('Only its summary').isChecked());
  });

  test('marks a refused setting beside its field, with the server’s message in the alert', async () => {
    const zone = page.getByLabel('Time zone');
    await zone.fill('Mars/Olympus_Mons');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('alert').getByText(/time zone/i).first().waitFor();
    assert.equal(await zone.getAttribute('aria-invalid'), 'true');
    const described = (await zone.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(described.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
    assert.ok(messages.some((text) => /IANA time zone/.test(text)), messages.join(' | '));
    assert.equal(await zone.evaluate((element) => element === document.activeElement), true, 'focus goes to the field to fix');
  });

  test('every control on each page has a label, and each page one <h1>', async () => {
    for (const path of ['/admin/posts', '/admin/users', '/admin/settings', '/admin/account', '/admin/media', '/admin/categories', '/admin/tags']) {
      await page.goto(server.url + path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
          .filter((control) => !(control.closest('dialog') && !control.closest('dialog[open]')))
          .filter((control) => {
            const named = control.getAttribute('aria-label') || (control instanceof HTMLButtonElement ? control.textContent?.trim() : '') || ('labels' in control && (control as HTMLInputElement).labels?.length);
            return !named && (control as HTMLInputElement).type !== 'hidden';
          })
          .map((control) => control.outerHTML.slice(0, 120)),
      );
      assert.deepEqual(unlabelled, [], path);
      assert.equal(await page.locator('h1').count(), 1, path);
    }
  });

  test('signs out everywhere from the account page', async () => {
    await page.goto(`${server.url}/admin/account`);
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByText('You have signed out on every device.').waitFor();
    const answer = await page.evaluate(async () => (await fetch('/api/admin/session')).status);
    assert.equal(answer, 401);
  });

  test('ran without a script error or a Content-Security-Policy refusal', () => {
    assert.deepEqual(problems, []);
  });
});
