import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';

/**
 * Bad input through the real HTTP API is a 422 naming the field, never a 500,
 * and nothing of it is stored: text that is not text (lone surrogates, control
 * characters, line breaks in one-line fields), dates the calendar does not
 * have, and block types that are properties every JavaScript object has.
 */

const PASSWORD = 'a long enough passphrase';
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });

for (const engine of ENGINES) {
  describe(`input the newsroom API refuses (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let admin: NewsroomClient;

    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { email: 'admin@news.example', name: 'The admin', role: 'administrator', password: PASSWORD });
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      admin = new NewsroomClient(server);
      await admin.signIn('admin@news.example', PASSWORD);
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    const issuePaths = (body: { error?: { issues?: Array<{ path: string }> } }) => (body.error?.issues ?? []).map((issue) => issue.path);

    test('a lone surrogate or a control character in a setting is a 422 naming it, and the site keeps its title', async () => {
      for (const [field, value] of [
        ['title', '\ud800'],
        ['title', 'Mamas\u0000Uncut'],
        ['tagline', 'one\u0085two'],
        ['title', 'two\nlines'],
      ] as const) {
        const answer = await admin.request('PATCH', '/settings', { [field]: value });
        assert.equal(answer.status, 422, `${JSON.stringify(value)}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(issuePaths(answer.body), [`/${field}`]);
      }
      const label = await admin.request('PATCH', '/settings', { navigation: [{ label: 'Mu\u0007sic', url: '/category/music/' }] });
      assert.equal(label.status, 422);
      assert.deepEqual(issuePaths(label.body), ['/navigation/0/label']);

      const stored = (await admin.request('GET', '/settings')).body.settings;
      assert.equal(stored.title, 'Masthead');
      assert.deepEqual(stored.navigation, []);
      const home = cheerio.load(await (await server.get('/')).text());
      assert.equal(home('title').text().includes('Masthead'), true);
    });

    test('a control character or lone surrogate anywhere in a post, the body included, is a 422 naming the field; nothing is saved', async () => {
      const before = (await admin.request('GET', '/posts')).body.total;
      for (const [post, path] of [
        [{ title: 'Null\u0000title', body: [paragraph('Fine.')] }, '/title'],
        [{ title: 'Fine', excerpt: 'bad \udc00 half', body: [paragraph('Fine.')] }, '/excerpt'],
        [{ title: 'Fine', body: [paragraph('Fine.'), paragraph('Bell \u0007 here')] }, '/body/1/content/0/text'],
        [{ title: 'Fine', body: [{ type: 'quote', style: 'pull', text: 'Said \ud83d', speaker: 'Someone' }] }, '/body/0/text'],
      ] as const) {
        const answer = await admin.request('POST', '/posts', post);
        assert.equal(answer.status, 422, `${path}: ${JSON.stringify(answer.body)}`);
        assert.ok(issuePaths(answer.body).includes(path), `${path} in ${JSON.stringify(answer.body)}`);
      }
      assert.equal((await admin.request('GET', '/posts')).body.total, before);
      // Text that only looks unusual is kept as typed: emoji (surrogate pairs), tabs and line breaks in multi-line fields.
      const fine = await admin.request('POST', '/posts', { title: 'Beyoncé 🎤 speaks', excerpt: 'One\nTwo\tthree', body: [paragraph('Quote 🎤\nnext line')] });
      assert.equal(fine.status, 201, JSON.stringify(fine.body));
    });

    test('an impossible date is a 422 naming publishedAt, not a 500, and 30 February is not stored as 2 March', async () => {
      for (const publishedAt of ['2026-99-99T00:00:00Z', '2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-04-31T10:00:00Z', '2026-01-01T24:00:00Z', '1776-07-04T12:00:00Z', '9999-01-01T00:00:00Z']) {
        const answer = await admin.request('POST', '/posts', { title: 'Dated', body: [paragraph('Text.')], publishedAt });
        assert.equal(answer.status, 422, `${publishedAt}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(issuePaths(answer.body), ['/publishedAt'], publishedAt);
      }
      const created = await admin.request('POST', '/posts', { title: 'Dated', body: [paragraph('Text.')] });
      assert.equal(created.status, 201);
      const { id, revision } = created.body.post;
      const saved = await admin.request('PUT', `/posts/${id}`, { revision, publishedAt: '2026-02-30T10:00:00Z' });
      assert.equal(saved.status, 422, JSON.stringify(saved.body));
      assert.deepEqual(issuePaths(saved.body), ['/publishedAt']);
      const leap = await admin.request('PUT', `/posts/${id}`, { revision, publishedAt: '2028-02-29T10:00:00+02:00' });
      assert.equal(leap.status, 200, JSON.stringify(leap.body));
      assert.equal(leap.body.post.publishedAt, '2028-02-29T08:00:00.000Z');
    });

    test('a block type that every object has ("toString", "constructor", "__proto__") is a 422 naming /body/N/type', async () => {
      for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
        const answer = await admin.request('POST', '/posts', { title: 'Blocks', body: [paragraph('First.'), { type, content: [{ text: 'x' }] }] });
        assert.equal(answer.status, 422, `${type}: ${JSON.stringify(answer.body)}`);
        assert.deepEqual(issuePaths(answer.body), ['/body/1/type'], type);
      }
    });
  });
}
