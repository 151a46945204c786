import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { seedReference } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';

const ARTICLE = '/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/';

describe('reading the reference article in a real browser, JavaScript off, on a phone', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    t = await createTestStore('sqlite');
    await seedReference(t.store, t.dataDir);
    server = await startServer({ store: t.store, dataDir: t.dataDir });
    browser = await launchBrowser();
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    page = await context.newPage();
    await page.goto(server.url + ARTICLE);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
  });

  test('shows the headline and the whole text without any script', async () => {
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'John Legend Reveals How Politics Ruined His Friendship With Kanye West');
    assert.ok(await page.getByText('I think you’re pretty much seeing the real Kanye publicly.', { exact: false }).isVisible());
  });

  test('loads every picture, in AVIF, at a size chosen for the screen', async () => {
    const images = page.locator('.article-body figure img');
    assert.equal(await images.count(), 3);
    for (let i = 0; i < 3; i++) {
      const image = images.nth(i);
      await image.scrollIntoViewIfNeeded();
      await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await image.elementHandle(), { timeout: 10_000 });
      const source = await image.evaluate((el) => (el as HTMLImageElement).currentSrc);
      assert.match(source, /-(800|1200)\.avif$/, source);
    }
  });

  test('shows the credit under the picture it belongs to', async () => {
    const figure = page.locator('.article-body figure.figure').nth(1);
    assert.equal(await figure.locator('.credit').textContent(), 'DFree / Shutterstock.com');
    const [imageBox, creditBox] = await Promise.all([figure.locator('img').boundingBox(), figure.locator('.credit').boundingBox()]);
    assert.ok(imageBox && creditBox && creditBox.y >= imageBox.y + imageBox.height, 'credit sits below the image');
  });

  test('lays each picture out at its own proportions from its width and height attributes', async () => {
    const box = await page.locator('.article-body figure img').nth(2).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { width: r.width, height: r.height };
    });
    assert.ok(Math.abs(box.height - (box.width * 800) / 1200) < 2, JSON.stringify(box));
  });

  test('fits the phone screen with no sideways scrolling', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  });

  test('offers "Skip to content" as the first stop for keyboard users', async () => {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => ({ text: document.activeElement?.textContent, href: document.activeElement?.getAttribute('href') }));
    assert.deepEqual(focused, { text: 'Skip to content', href: '#main' });
  });

  test('lets a reader search from the header and lands on results', async () => {
    await page.getByRole('searchbox', { name: 'Search stories' }).fill('Axelrod');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?s=Axelrod/);
    assert.equal(await page.locator('.teaser h3 a').first().textContent(), 'John Legend Reveals How Politics Ruined His Friendship With Kanye West');
  });
});
