import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { BROWSER_WAIT_MS, launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { tempDir } from '../helpers/cli-process.js';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { buildNewsroomForTest, startNewsroomServer } from '../helpers/newsroom-server.js';
import { keepingMailer, type RunningServer } from '../helpers/server.js';

const ADMIN = { email: 'ada@news.example', name: 'Ada Admin', password: 'administrator passphrase' };

const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Mamas Uncut</title>
  <link>https://mamasuncut.com</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>https://mamasuncut.com</wp:base_site_url>
  <wp:base_blog_url>https://mamasuncut.com</wp:base_blog_url>
  <wp:author><wp:author_id>7</wp:author_id><wp:author_login><![CDATA[nia]]></wp:author_login><wp:author_email><![CDATA[nia@mamasuncut.com]]></wp:author_email><wp:author_display_name><![CDATA[Nia Long]]></wp:author_display_name><wp:author_first_name><![CDATA[Nia]]></wp:author_first_name><wp:author_last_name><![CDATA[Long]]></wp:author_last_name></wp:author>
  <item>
    <title>John Legend on Kanye</title>
    <link>https://mamasuncut.com/2020/10/26/john-legend-on-kanye/</link>
    <dc:creator><![CDATA[nia]]></dc:creator>
    <guid isPermaLink="false">https://mamasuncut.com/?p=101</guid>
    <content:encoded><![CDATA[<p>"We haven't talked," he said.</p>]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>101</wp:post_id>
    <wp:post_date>2020-10-26 09:00:00</wp:post_date>
    <wp:post_date_gmt>2020-10-26 13:00:00</wp:post_date_gmt>
    <wp:post_name>john-legend-on-kanye</wp:post_name>
    <wp:status>publish</wp:status>
    <wp:post_parent>0</wp:post_parent>
    <wp:menu_order>0</wp:menu_order>
    <wp:post_type>post</wp:post_type>
    <wp:post_password></wp:post_password>
    <wp:is_sticky>0</wp:is_sticky>
  </item>
</channel>
</rss>
`;

/**
 * An imported author cannot sign in until someone invites them: the
 * administrator finds them on the Users page as invited, sends the
 * invitation from their row, and the author joins through the emailed link.
 */
describe('an imported author joins the newsroom by invitation', { skip: skipWithoutBrowser() }, () => {
  let t: TestStore;
  let built: Awaited<ReturnType<typeof buildNewsroomForTest>>;
  let server: RunningServer;
  let browser: Browser;
  const mailer = keepingMailer();

  before(async () => {
    [t, built] = await Promise.all([createTestStore('sqlite'), buildNewsroomForTest()]);
    const context = { store: t.store, clock: testClock() };
    await createAccount(context, { ...ADMIN, role: 'administrator' });
    const file = join(tempDir(), 'export.xml');
    writeFileSync(file, EXPORT);
    await importWordPress({ ...context, images: createSharpIngest({ mediaDir: join(t.dataDir, 'media') }) }, { file, mediaDir: join(t.dataDir, 'media') });
    server = await startNewsroomServer({ store: t.store, dataDir: t.dataDir, assetsDir: built.dir, mailer });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await t?.cleanup();
    await built?.remove();
  });

  test('cannot sign in before the invitation; joins with it; keeps the imported story', async () => {
    const refused = await fetch(`${server.url}/api/admin/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'nia@mamasuncut.com', password: 'anything at all 1' }),
    });
    assert.equal(refused.status, 401, 'an imported author has no password to sign in with');

    const admin = await (await browser.newContext()).newPage();
    admin.setDefaultTimeout(BROWSER_WAIT_MS);
    await admin.goto(`${server.url}/admin/sign-in`);
    await admin.getByLabel('Email').fill(ADMIN.email);
    await admin.getByLabel('Password').fill(ADMIN.password);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    await admin.getByRole('navigation', { name: 'Newsroom' }).getByRole('link', { name: 'Users' }).click();
    const row = admin.getByRole('row', { name: /Nia Long/ });
    await row.getByText('Invited, not yet joined').waitFor();
    assert.equal(await admin.getByRole('button', { name: 'Send an invitation to Ada Admin' }).count(), 0, 'no invitation for someone who has joined');
    await row.getByRole('button', { name: 'Send an invitation to Nia Long' }).click();
    await admin.getByRole('status').getByText('Invitation sent to nia@mamasuncut.com.').waitFor();
    assert.equal(mailer.sent.at(-1)?.to, 'nia@mamasuncut.com');

    const link = new URL(mailer.lastLink());
    const author = await (await browser.newContext()).newPage();
    author.setDefaultTimeout(BROWSER_WAIT_MS);
    await author.goto(server.url + link.pathname + link.search);
    await author.getByLabel('New password').fill('a passphrase of her own');
    await author.getByRole('button', { name: 'Accept invitation' }).click();
    await author.getByText('Your account is ready.', { exact: false }).waitFor();
    await author.goto(`${server.url}/admin/sign-in`);
    await author.getByLabel('Email').fill('nia@mamasuncut.com');
    await author.getByLabel('Password').fill('a passphrase of her own');
    await author.getByRole('button', { name: 'Sign in' }).click();
    await author.getByRole('heading', { level: 1, name: 'Posts' }).waitFor();
    await author.getByRole('link', { name: 'John Legend on Kanye' }).waitFor();
  });
});
