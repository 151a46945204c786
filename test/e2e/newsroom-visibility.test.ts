import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Role } from '../../src/content/roles.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { BROWSER_WAIT_MS, launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import type { RunningServer } from '../helpers/server.js';

const PASSWORD = 'correct horse battery staple';
const PEOPLE: Record<'editor' | 'contributor', { name: string; email: string; role: Role }> = {
  editor: { name: 'Eve Editor', email: 'eve@news.example', role: 'editor' },
  contributor: { name: 'Cleo Contributor', email: 'cleo@news.example', role: 'contributor' },
};

/** The editor's Visibility panel: a post's password and sticky flag, in a real browser against the real API. */
describe('the post editor’s visibility panel in a real browser', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: RunningServer;
  let browser: Browser;
  const problems: string[] = [];

  before(async () => {
    [t, built] = await Promise.all([createTestStore('sqlite'), buildNewsroomForTest()]);
    for (const person of Object.values(PEOPLE)) await createAccount({ store: t.store, clock: testClock() }, { ...person, password: PASSWORD });
    server = await startNewsroomServer({ store: t.store, dataDir: t.dataDir, assetsDir: built.dir });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    await built?.remove();
  });

  async function newDraft(who: keyof typeof PEOPLE, title: string): Promise<{ page: Page; id: number }> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(BROWSER_WAIT_MS);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(PEOPLE[who].email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    await page.getByRole('button', { name: 'New article' }).click();
    const visibility = page.getByRole('region', { name: 'Visibility' });
    assert.match(await visibility.textContent() ?? '', /Save the story first/);
    await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
    await page.getByRole('textbox', { name: 'Article body' }).click();
    await page.keyboard.type('Words for members.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').getByText(/^Saved at /).waitFor();
    return { page, id: Number(/\/admin\/posts\/(\d+)$/.exec(page.url())?.[1]) };
  }

  test('an editor sets a password and makes the story sticky, and sees them again on reload', async () => {
    const { page, id } = await newDraft('editor', 'For members');
    const visibility = page.getByRole('region', { name: 'Visibility' });
    await visibility.getByRole('textbox', { name: 'Password' }).fill('inner circle');
    await visibility.getByRole('checkbox', { name: 'Stick to the top of the home page' }).check();
    await visibility.getByRole('button', { name: 'Update visibility' }).click();
    await page.getByRole('status').getByText('The story is now password protected.').waitFor();
    const post = await t.store.posts.findById(id);
    assert.equal(post?.password, 'inner circle');
    assert.equal(post?.isSticky, true);
    await page.reload();
    assert.equal(await page.getByRole('textbox', { name: 'Password' }).inputValue(), 'inner circle');
    assert.equal(await page.getByRole('checkbox', { name: 'Stick to the top of the home page' }).isChecked(), true);
    await page.getByRole('textbox', { name: 'Password' }).fill('');
    await page.getByRole('textbox', { name: 'Password' }).press('Enter');
    await page.getByRole('status').getByText('Visibility updated.').waitFor();
    assert.equal((await t.store.posts.findById(id))?.password, null, 'Enter in the field updates the visibility');
    assert.equal((await t.store.posts.findById(id))?.revision, post?.revision, 'and does not save the story');
    await page.context().close();
  });

  test('a contributor may protect their draft but is not offered the sticky box', async () => {
    const { page, id } = await newDraft('contributor', 'Contributor secret');
    const visibility = page.getByRole('region', { name: 'Visibility' });
    assert.equal(await visibility.getByRole('checkbox').count(), 0);
    await visibility.getByRole('textbox', { name: 'Password' }).fill('pw');
    await visibility.getByRole('button', { name: 'Update visibility' }).click();
    await page.getByRole('status').getByText('The story is now password protected.').waitFor();
    assert.equal((await t.store.posts.findById(id))?.password, 'pw');
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
