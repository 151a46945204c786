import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { BROWSER_WAIT_MS, launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock } from '../helpers/factories.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import type { RunningServer } from '../helpers/server.js';
import { paragraphs } from '../../src/content/body.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { createPost } from '../../src/operations/create-post.js';

const EDITOR = { email: 'eve@news.example', name: 'Eve Editor', password: 'editor passphrase 1' };

/**
 * The redirects page in a real browser: an editor adds, corrects and deletes
 * redirects by the names a screen reader announces, and a plain HTTP request
 * to the old address follows what they did. The tests run in order.
 */
describe('the newsroom’s redirects page in a browser', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  /** Uncaught script errors and Content-Security-Policy refusals. */
  const problems: string[] = [];

  const table = () => page.getByRole('table');
  const rowFor = (address: string) => page.getByRole('row', { name: new RegExp(address.replace(/[/?]/g, '\\$&')) });

  before(async () => {
    [t, built] = await Promise.all([createTestStore('sqlite'), buildNewsroomForTest()]);
    const context = { store: t.store, clock: testClock() };
    const basics = await createBasics(t.store);
    await createPost(context, { status: 'published', title: 'Kanye speaks at last', slug: 'kanye-speaks', body: paragraphs(['Text.']), authorIds: [basics.authorId], publishedAt: '2026-06-01T10:00:00.000Z' });
    await createAccount(context, { email: EDITOR.email, name: EDITOR.name, role: 'editor', password: EDITOR.password });
    server = await startNewsroomServer({ store: t.store, dataDir: t.dataDir, assetsDir: built.dir });
    browser = await launchBrowser();
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(BROWSER_WAIT_MS);
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    await built?.remove();
  });

  test('an editor finds Redirects in the menu, and an empty list says so', async () => {
    await page.goto(`${server.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(EDITOR.email);
    await page.getByLabel('Password').fill(EDITOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Redirects' }).click();
    await page.getByRole('heading', { level: 1, name: 'Redirects' }).waitFor();
    await page.getByText('No redirects yet.', { exact: false }).waitFor();
    assert.equal(await table().count(), 0);
  });

  test('adds a redirect to an address, and a plain request to the old address follows it', async () => {
    const form = page.getByRole('form', { name: 'Add a redirect' });
    await form.getByLabel('Old address').fill('https://mamasuncut.com/2019/05/17/kanye-finally-speaks/');
    await form.getByLabel('New address').fill('/kanye-speaks/');
    await form.getByRole('button', { name: 'Add redirect' }).click();
    await rowFor('/2019/05/17/kanye-finally-speaks/').waitFor();
    assert.equal(await form.getByLabel('Old address').inputValue(), '', 'the form is ready for the next one');

    const answer = await fetch(`${server.url}/2019/05/17/kanye-finally-speaks/`, { redirect: 'manual' });
    assert.deepEqual([answer.status, answer.headers.get('location')], [301, '/kanye-speaks/']);
    const followed = await fetch(`${server.url}/2019/05/17/kanye-finally-speaks/`);
    assert.equal(followed.status, 200);
    assert.match(await followed.text(), /Kanye speaks at last/);
  });

  test('shows what the server refuses beside the field, and keeps what was typed', async () => {
    const form = page.getByRole('form', { name: 'Add a redirect' });
    const from = form.getByLabel('Old address');
    await from.fill('/admin/posts/');
    await form.getByLabel('New address').fill('/kanye-speaks/');
    await form.getByRole('button', { name: 'Add redirect' }).click();
    await page.getByRole('alert').getByText(/.+/).first().waitFor();
    assert.equal(await from.getAttribute('aria-invalid'), 'true');
    const described = (await from.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(described.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()));
    assert.ok(messages.some((text) => /must not be under \/admin/i.test(text)), messages.join(' | '));
    assert.equal(await from.inputValue(), '/admin/posts/');
    assert.equal(await from.evaluate((element) => element === document.activeElement), true, 'focus goes to the field to fix');
  });

  test('adds a redirect to a post found by its title', async () => {
    const form = page.getByRole('form', { name: 'Add a redirect' });
    await form.getByLabel('Old address').fill('/?p=123');
    await form.getByRole('radio', { name: 'A post' }).check();
    assert.equal(await form.getByLabel('New address').isVisible(), false, 'only the chosen kind of target is shown');
    await form.getByRole('searchbox', { name: 'Find a post' }).fill('Kanye');
    await form.getByRole('button', { name: 'Find post' }).click();
    await form.getByRole('combobox', { name: 'Post' }).locator('option', { hasText: 'Kanye speaks at last' }).waitFor({ state: 'attached' });
    await form.getByRole('combobox', { name: 'Post' }).selectOption({ label: 'Kanye speaks at last' });
    await form.getByLabel('Kind of redirect').selectOption('302');
    await form.getByRole('button', { name: 'Add redirect' }).click();
    const row = rowFor('/?p=123');
    await row.waitFor();
    assert.match(await row.innerText(), /Kanye speaks at last/);
    const answer = await fetch(`${server.url}/?p=123`, { redirect: 'manual' });
    assert.deepEqual([answer.status, answer.headers.get('location')], [302, '/kanye-speaks/']);
  });

  test('finds redirects by words in either address', async () => {
    await page.getByRole('searchbox', { name: 'Search redirects' }).fill('finally');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/text=finally/);
    await rowFor('/2019/05/17/kanye-finally-speaks/').waitFor();
    assert.equal(await rowFor('/?p=123').count(), 0);
    await page.getByRole('searchbox', { name: 'Search redirects' }).fill('nothing like this');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No redirects match.').waitFor();
    await page.goto(`${server.url}/admin/redirects`);
    await page.getByRole('heading', { level: 1, name: 'Redirects' }).waitFor();
  });

  test('edits a redirect in its row; the old address leads to the new target', async () => {
    await page.getByRole('button', { name: 'Edit redirect from /2019/05/17/kanye-finally-speaks/' }).click();
    const form = page.getByRole('form', { name: 'Edit redirect from /2019/05/17/kanye-finally-speaks/' });
    await form.getByLabel('New address').fill('/category/showbiz/');
    await form.getByRole('button', { name: 'Save redirect' }).click();
    await rowFor('/2019/05/17/kanye-finally-speaks/').getByText('/category/showbiz/').waitFor();
    const answer = await fetch(`${server.url}/2019/05/17/kanye-finally-speaks/`, { redirect: 'manual' });
    assert.deepEqual([answer.status, answer.headers.get('location')], [301, '/category/showbiz/']);
  });

  test('an edit that would loop is refused beside the field', async () => {
    // From the keyboard: after a save, focus is back on the row's Edit button (the saved notice covers the page's corner meanwhile).
    const edit = page.getByRole('button', { name: 'Edit redirect from /2019/05/17/kanye-finally-speaks/' });
    assert.equal(await edit.evaluate((element) => element === document.activeElement), true, 'focus returns to the row after a save');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Edit redirect from /2019/05/17/kanye-finally-speaks/' });
    const to = form.getByLabel('New address');
    await to.fill('/2019/05/17/kanye-finally-speaks');
    await form.getByRole('button', { name: 'Save redirect' }).click();
    await form.getByRole('alert').getByText(/.+/).first().waitFor();
    assert.equal(await to.getAttribute('aria-invalid'), 'true');
    assert.match(await form.innerText(), /Leads back to \/2019\/05\/17\/kanye-finally-speaks\/ itself/);
    await form.getByRole('button', { name: 'Cancel' }).click();
    await rowFor('/2019/05/17/kanye-finally-speaks/').getByText('/category/showbiz/').waitFor();
  });

  test('deletes a redirect after asking, and the old address is a 404 again', async () => {
    await page.getByRole('button', { name: 'Delete redirect from /?p=123' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the redirect from /?p=123?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    assert.equal(await rowFor('/?p=123').count(), 1, 'cancelling keeps it');
    await page.getByRole('button', { name: 'Delete redirect from /?p=123' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete redirect' }).click();
    await rowFor('/?p=123').waitFor({ state: 'detached' });
    assert.equal((await fetch(`${server.url}/?p=123`, { redirect: 'manual' })).status, 404);
  });

  test('every control has a label, and the page one <h1>', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Redirects' }).waitFor();
    await page.waitForLoadState('networkidle');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('input, select, textarea, button')]
        .filter((control) => {
          const named = control.getAttribute('aria-label') || (control instanceof HTMLButtonElement ? control.textContent?.trim() : '') || ('labels' in control && (control as HTMLInputElement).labels?.length);
          return !named && (control as HTMLInputElement).type !== 'hidden';
        })
        .map((control) => control.outerHTML.slice(0, 120)),
    );
    assert.deepEqual(unlabelled, []);
    assert.equal(await page.locator('h1').count(), 1);
  });

  test('ran without a script error or a Content-Security-Policy refusal', () => {
    assert.deepEqual(problems, []);
  });
});
