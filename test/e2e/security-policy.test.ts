import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { seedReference } from '../helpers/factories.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import { type RunningServer } from '../helpers/server.js';
import { launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { jpegHtmlPolyglot } from '../helpers/polyglot.js';

const ARTICLE = '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/';

interface Visit {
  page: Page;
  /** What the browser refused under the page's policy: the events the page saw and the console lines that report them. */
  violations: string[];
}

describe('the Content-Security-Policy in a real browser', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    [t, built] = await Promise.all([createTestStore('sqlite'), buildNewsroomForTest()]);
    await seedReference(t.store, t.dataDir);
    await t.store.settings.put({ ampEnabled: true });
    await writeFile(join(t.dataDir, 'media', 'polyglot.jpg'), await jpegHtmlPolyglot());
    await writeFile(join(t.dataDir, 'media', 'left-behind.html'), '<script>document.title="ran"</script>');
    server = await startNewsroomServer({ store: t.store, dataDir: t.dataDir, assetsDir: built.dir });
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    // Playwright's own script is not the page's, so the policy does not stop it listening.
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'}`));
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    await built?.remove();
  });

  async function visit(path: string, ready: (page: Page) => Promise<unknown> = (page) => page.waitForLoadState('load')): Promise<Visit> {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Permissions-Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    // Nothing may load from elsewhere in the test: a request to another host is answered empty instead of going out.
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.fulfill({ status: 204, body: '' }));
    await page.goto(server.url + path);
    await ready(page);
    // Reports are queued as tasks: let them arrive before counting.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    violations.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)));
    return { page, violations };
  }

  const style = (page: Page, selector: string, property: string) =>
    page.locator(selector).first().evaluate((el, name) => getComputedStyle(el).getPropertyValue(name), property);

  test('the demo article runs into no refusal, keeps its structured data and is styled by its stylesheet', async () => {
    const { page, violations } = await visit(ARTICLE);
    assert.deepEqual(violations, []);
    // JSON-LD is a data block: the policy, which allows no inline script, leaves it in the page for search engines.
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    assert.ok(blocks.some((text) => JSON.parse(text)['@type'] === 'NewsArticle'));
    assert.equal(await style(page, '.brand', 'font-weight'), '700');
    assert.equal(await style(page, '.site-header', 'border-bottom-style'), 'solid');
    await page.close();
  });

  test('the home page runs into no refusal and is styled', async () => {
    const { page, violations } = await visit('/');
    assert.deepEqual(violations, []);
    assert.equal(await style(page, '.brand', 'font-weight'), '700');
    await page.close();
  });

  test('the mobile (AMP) page runs into no refusal under AMP’s policy and is styled by its amp-custom styles', async () => {
    const { page, violations } = await visit(`${ARTICLE}amp/`);
    assert.deepEqual(violations, []);
    assert.equal(await style(page, '.brand', 'font-weight'), '700');
    assert.equal(await style(page, 'i-amphtml-sizer', 'display'), 'block', 'the laid-out picture keeps its style attribute');
    await page.close();
  });

  test('the newsroom’s sign-in page runs its bundle and loads its stylesheet with no refusal', async () => {
    const { page, violations } = await visit('/admin/sign-in', (p) => p.getByRole('heading', { level: 1 }).waitFor());
    assert.deepEqual(violations, []);
    assert.equal(await style(page, '.skip-link', 'position'), 'absolute');
    await page.close();
  });

  test('a JPEG that is also a page opens as a picture: its markup is never a document, its script never runs', async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/media/polyglot.jpg`);
    assert.equal(await page.evaluate(() => document.contentType), 'image/jpeg');
    assert.equal(await page.evaluate(() => document.querySelector('#polyglot')), null);
    assert.notEqual(await page.title(), 'ran');
    await page.close();
  });

  test('an HTML file left in the media folder is downloaded, not opened', async () => {
    const page = await context.newPage();
    const [download] = await Promise.all([page.waitForEvent('download'), page.goto(`${server.url}/media/left-behind.html`).catch(() => undefined)]);
    assert.equal(download.suggestedFilename(), 'left-behind.html');
    assert.notEqual(await page.title(), 'ran');
    await page.close();
  });
});
