import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import type { Role } from '../../src/content/roles.js';
import { BROWSER_WAIT_MS, launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import type { RunningServer } from '../helpers/server.js';

const PASSWORD = 'correct horse battery staple';
const PEOPLE: Record<string, { name: string; email: string; role: Role }> = {
  editor: { name: 'Eve Editor', email: 'eve@news.example', role: 'editor' },
  contributor: { name: 'Cleo Contributor', email: 'cleo@news.example', role: 'contributor' },
};

/** Writing, saving, reviewing and publishing in the newsroom's editor, in a real browser against the real API. */
describe('the newsroom editor pages in a real browser', { skip: skipWithoutBrowser() }, () => {
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

  /** A browser of its own, signed in through the sign-in page. */
  async function signedIn(who: keyof typeof PEOPLE): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(BROWSER_WAIT_MS);
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${server.url}/admin/sign-in`);
    await page.getByLabel('Email').fill(PEOPLE[who]!.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    return page;
  }

  async function writeNewArticle(page: Page, title: string, words: string): Promise<number> {
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByRole('textbox', { name: 'Title' }).fill(title);
    await page.getByRole('textbox', { name: 'Article body' }).click();
    await page.keyboard.type(words);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').getByText(/^Saved at /).waitFor();
    const id = Number(/\/admin\/posts\/(\d+)$/.exec(page.url())?.[1]);
    assert.ok(id > 0, `the address names the new post: ${page.url()}`);
    return id;
  }

  test('writes a new article by its labels and saves it as a draft', async () => {
    const page = await signedIn('editor');
    const id = await writeNewArticle(page, 'John Legend on Kanye', 'He said politics ended it.');
    const post = await t.store.posts.findById(id);
    assert.equal(post?.title, 'John Legend on Kanye');
    assert.equal(post?.status, 'draft');
    assert.deepEqual(post?.body, [{ type: 'paragraph', content: [{ text: 'He said politics ended it.' }] }]);
    assert.equal(await page.getByRole('textbox', { name: 'Slug' }).inputValue(), post?.slug, 'the slug the server made is shown');
    await page.context().close();
  });

  test('refuses a stale save, says who saved, and keeps both versions', async () => {
    const mine = await signedIn('editor');
    const id = await writeNewArticle(mine, 'A first headline', 'Words.');
    const theirs = await signedIn('editor');
    await theirs.goto(`${server.url}/admin/posts/${id}`);
    await theirs.getByRole('textbox', { name: 'Title' }).fill('Their headline');
    await theirs.getByRole('button', { name: 'Save draft' }).click();
    await theirs.getByRole('status').getByText(/^Saved at /).waitFor();

    await mine.getByRole('textbox', { name: 'Title' }).fill('My headline');
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.getByRole('heading', { name: 'Your changes were not saved' }).waitFor();
    assert.match(await mine.getByRole('alert').filter({ hasText: 'saved this post' }).innerText(), /Eve Editor saved this post/);
    assert.equal(await mine.getByRole('textbox', { name: 'Title' }).inputValue(), 'My headline', 'my words stay in the form');
    assert.equal((await t.store.posts.findById(id))?.title, 'Their headline', 'nothing of mine was written');

    await mine.getByRole('button', { name: 'Load their version' }).click();
    await mine.getByRole('button', { name: 'Put my version back' }).waitFor();
    assert.equal(await mine.getByRole('textbox', { name: 'Title' }).inputValue(), 'Their headline');
    assert.match(await mine.getByLabel('Your version, as text').inputValue(), /Title: My headline/);
    await mine.getByRole('button', { name: 'Put my version back' }).click();
    await mine.getByRole('button', { name: 'Save draft' }).click();
    await mine.getByRole('status').getByText(/^Saved at /).waitFor();
    assert.equal((await t.store.posts.findById(id))?.title, 'My headline');
    await mine.context().close();
    await theirs.context().close();
  });

  test('a contributor cannot publish but submits for review; an editor then publishes', async () => {
    const contributor = await signedIn('contributor');
    const id = await writeNewArticle(contributor, 'From a contributor', 'Copy to check.');
    assert.equal(await contributor.getByRole('button', { name: 'Publish', exact: true }).count(), 0);
    assert.equal(await contributor.getByRole('button', { name: 'Schedule', exact: true }).count(), 0);
    await contributor.getByRole('button', { name: 'Submit for review' }).click();
    await contributor.getByRole('status').getByText(/^Submitted for review/).waitFor();
    assert.equal((await t.store.posts.findById(id))?.status, 'pending');
    await contributor.context().close();

    const editor = await signedIn('editor');
    await editor.getByRole('link', { name: 'From a contributor' }).click();
    await editor.getByRole('button', { name: 'Publish', exact: true }).click();
    await editor.getByRole('status').getByText('Published.').waitFor();
    assert.equal((await t.store.posts.findById(id))?.status, 'published');
    assert.equal(await editor.getByRole('button', { name: 'Publish', exact: true }).count(), 0, 'a published post offers no Publish');
    await editor.getByRole('button', { name: 'Switch to draft' }).waitFor();
    await editor.context().close();
  });

  test('schedules a draft for the time given', async () => {
    const page = await signedIn('editor');
    const id = await writeNewArticle(page, 'For later', 'Embargoed.');
    await page.getByRole('button', { name: 'Schedule' }).click();
    assert.equal(await page.getByLabel('Publication date and time').getAttribute('aria-invalid'), 'true', 'no time given yet');
    await page.getByLabel('Publication date and time').fill('2030-01-02T09:30');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByRole('status').getByText(/^Scheduled for /).waitFor();
    const post = await t.store.posts.findById(id);
    assert.equal(post?.status, 'scheduled');
    assert.equal(post?.publishedAt, new Date(2030, 0, 2, 9, 30).toISOString(), 'the writer’s local time');
    await page.context().close();
  });

  test('lists revisions with a readable diff and restores an old one', async () => {
    const page = await signedIn('editor');
    const id = await writeNewArticle(page, 'Old words', 'Body.');
    await page.getByRole('textbox', { name: 'Title' }).fill('New words');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').getByText(/^Saved at /).waitFor();
    const before = (await t.store.posts.findById(id))!.revision;
    await page.getByRole('link', { name: 'Revisions' }).click();
    await page.getByRole('button', { name: `Show changes since revision ${before - 1}` }).click();
    const changes = page.getByRole('region', { name: `What changed from revision ${before - 1} to now` });
    assert.equal(await changes.locator('del').first().innerText().then((text) => text.includes('Old')), true);
    assert.equal(await changes.locator('ins').first().innerText().then((text) => text.includes('New')), true);
    await page.getByRole('button', { name: `Restore revision ${before - 1}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit article' }).waitFor();
    assert.equal(await page.getByRole('textbox', { name: 'Title' }).inputValue(), 'Old words');
    assert.equal((await t.store.posts.findById(id))?.title, 'Old words');
    await page.context().close();
  });

  test('uploads a picture and shows the credit read from the file', async () => {
    const page = await signedIn('editor');
    await page.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Media' }).click();
    await page.getByLabel('Picture file').setInputFiles(new URL('../fixtures/media/newsroom-photo.jpg', import.meta.url).pathname);
    await page.getByLabel('Alt text').fill('A singer on the museum steps');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('Credit read from the file.').waitFor();
    await page.getByText('Credit: Jane Doe').waitFor();
    await page.getByRole('button', { name: 'Details of A singer on the museum steps' }).waitFor();
    await page.context().close();
  });

  test('ran without a script error', () => {
    assert.deepEqual(problems, []);
  });
});
