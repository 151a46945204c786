import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium; playwright's own browser download cannot be used. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const isCi = process.env.CI === 'true' || process.env.CI === '1';

/** false to run; a reason to skip outside CI; in CI a missing browser fails. */
export function skipWithoutBrowser(): string | false {
  if (existsSync(CHROMIUM_PATH)) return false;
  const reason = `no browser at ${CHROMIUM_PATH}: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH`;
  if (isCi) throw new Error(`${reason}. CI must run the browser tests.`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Presses a key the browser handles itself (arrows, Home, End) and waits a
 * frame: a script types faster than an editor hears about the caret moving,
 * and the next key would land where the caret was.
 */
export async function pressAndSettle(page: Page, key: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/**
 * How long a browser test waits for what it expects to appear. Generous: the
 * suite runs test files side by side on two cores, and a wait is not a timing
 * assertion; a real failure still ends the wait, just later.
 */
export const BROWSER_WAIT_MS = 20_000;
