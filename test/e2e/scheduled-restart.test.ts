import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launchBrowser, skipWithoutBrowser } from '../helpers/browser.js';
import { freePort, killAll, run, start, tempDir, waitFor200 } from '../helpers/cli-process.js';

const PASSWORD = 'a long enough passphrase';

/** The newsroom API of a server run as `masthead serve`, with a session kept between calls. */
function apiClient(base: string) {
  let cookie = '';
  let csrf = '';
  return async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}/api/admin${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0]!;
    const answer = (await response.json()) as Record<string, any>;
    if (answer.csrfToken) csrf = answer.csrfToken;
    return { status: response.status, body: answer };
  };
}

describe('a scheduled post', { skip: skipWithoutBrowser() }, () => {
  const dataDir = tempDir();
  after(() => {
    killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('appears at its time even when the site was down then, once it starts again', { timeout: 120_000 }, async () => {
    const env = { DATA_DIR: dataDir, MASTHEAD_DEMO: '0' };
    const created = await run(['user', 'create', '--email', 'ed@news.example', '--name', 'Ed Editor', '--role', 'editor'], env, `${PASSWORD}\n`);
    assert.equal(created.code, 0, created.stderr);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const first = start(['serve'], { ...env, PORT: String(port) });
    let exited = false;
    void first.done.then(() => (exited = true));
    await waitFor200(`${base}/healthz`, () => exited, 30_000);

    const api = apiClient(base);
    assert.equal((await api('POST', '/session', { email: 'ed@news.example', password: PASSWORD })).status, 201);
    const draft = await api('POST', '/posts', { title: 'Embargoed interview', body: [{ type: 'paragraph', content: [{ text: 'Out at the stroke of the hour.' }] }] });
    const at = new Date(Date.now() + 6_000);
    const scheduled = await api('POST', `/posts/${draft.body.post.id}/schedule`, { publishedAt: at.toISOString() });
    assert.equal(scheduled.status, 200, JSON.stringify(scheduled.body));
    assert.equal(scheduled.body.post.status, 'scheduled');
    assert.equal((await fetch(`${base}/embargoed-interview/`)).status, 404, 'not public before its time');

    first.child.kill('SIGTERM');
    assert.equal((await first.done).code, 0);
    // The site is down when the post's time comes.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 500));

    const second = start(['serve'], { ...env, PORT: String(port) });
    let secondExited = false;
    void second.done.then(() => (secondExited = true));
    await waitFor200(`${base}/healthz`, () => secondExited, 30_000);
    await waitFor200(`${base}/embargoed-interview/`, () => secondExited, 5_000);

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/embargoed-interview/`);
      assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Embargoed interview');
      await page.goto(`${base}/`);
      assert.equal(await page.getByRole('link', { name: 'Embargoed interview' }).count() > 0, true, 'on the home page too');
    } finally {
      await browser.close();
      second.child.kill('SIGTERM');
      await second.done;
    }
  });
});
