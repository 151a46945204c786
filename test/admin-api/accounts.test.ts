import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { MAX_FAILURES_PER_ACCOUNT } from '../../src/operations/accounts/sign-in.js';


for (const engine of ENGINES) {
  describe(`newsroom accounts and sessions (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const mailer = keepingMailer();
    // Per suite: the reset test changes the password.
    const ADMIN = { email: 'ada@news.example', name: 'Ada Admin', password: 'correct horse battery staple' };

    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { ...ADMIN, role: 'administrator' });
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('signs in with email and password: an HttpOnly, SameSite=Lax session cookie and a CSRF token', async () => {
      const response = await server.get('/api/admin/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ' ADA@news.example ', password: ADMIN.password }),
      });
      assert.equal(response.status, 201);
      const cookie = response.headers.get('set-cookie') ?? '';
      assert.match(cookie, /^masthead_session=[\w-]{40,};/);
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(cookie, /Secure/i, 'plain http in tests; Secure is set over https');
      const body = await response.json();
      assert.equal(body.user.role, 'administrator');
      assert.ok(body.csrfToken.length >= 40);
      assert.equal(JSON.stringify(body).includes('argon2'), false, 'no password hash in answers');
      // The store keeps a hash of the session token, never the token.
      const token = cookie.split(';')[0]!.split('=')[1]!;
      const stored = await t.store.dialect.db.selectFrom('sessions').select('id').execute();
      assert.ok(stored.length >= 1 && stored.every((s) => s.id !== token));
    });

    test('over https (behind a proxy that says so) the cookie is Secure', async () => {
      const { buildApp } = await import('../../src/app.js');
      const { parseConfig } = await import('../../src/config.js');
      const app = await buildApp({
        config: parseConfig({ DATA_DIR: t.dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', SITE_URL: TEST_SITE_URL, MASTHEAD_DEMO: '0', TRUST_PROXY: '1' }),
        store: t.store,
        clock: testClock(),
        logger: false,
        mailer,
      });
      try {
        const response = await app.server.inject({
          method: 'POST',
          url: '/api/admin/session',
          headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
          payload: { email: ADMIN.email, password: ADMIN.password },
        });
        assert.equal(response.statusCode, 201);
        assert.match(String(response.headers['set-cookie']), /Secure/);
      } finally {
        await app.server.close();
      }
    });

    test('a wrong password or unknown email is one 401 message; the body is checked against its schema', async () => {
      const client = new NewsroomClient(server);
      const wrong = await client.signIn(ADMIN.email, 'not the password');
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'UNAUTHORIZED');
      const unknown = await client.signIn('nobody@news.example', 'not the password');
      assert.equal(unknown.body.error.message, wrong.body.error.message, 'the answer does not tell whether the account exists');
      const invalid = await client.request('POST', '/session', { email: ADMIN.email, password: 'x', remember: true });
      assert.equal(invalid.status, 422);
      assert.deepEqual(invalid.body.error.issues, [{ path: '/remember', message: 'is not a field this accepts' }]);
      const missing = await client.request('POST', '/session', { email: ADMIN.email });
      assert.deepEqual(missing.body.error.issues, [{ path: '/password', message: 'is required' }]);
    });

    test('state-changing requests need the session CSRF token and a JSON body', async () => {
      const client = new NewsroomClient(server);
      assert.equal((await client.signIn(ADMIN.email, ADMIN.password)).status, 201);
      const withoutToken = await client.request('PATCH', '/settings', { tagline: 'Forged' }, { withCsrf: false });
      assert.equal(withoutToken.status, 403);
      assert.match(withoutToken.body.error.message, /x-csrf-token/);
      const form = await server.get('/api/admin/settings', {
        method: 'PATCH',
        headers: { cookie: client.cookie!, 'content-type': 'text/plain', 'x-csrf-token': client.csrfToken! },
        body: '{"tagline":"Forged"}',
      });
      assert.equal(form.status, 400);
      const settings = await client.request('GET', '/settings');
      assert.notEqual(settings.body.settings.tagline, 'Forged');
      const withToken = await client.request('PATCH', '/settings', { tagline: 'Checked' });
      assert.equal(withToken.status, 200);
      assert.equal(withToken.body.settings.tagline, 'Checked');
    });

    test('without a session the API answers 401, and signing out ends the session', async () => {
      const client = new NewsroomClient(server);
      assert.equal((await client.request('GET', '/session')).status, 401);
      await client.signIn(ADMIN.email, ADMIN.password);
      assert.equal((await client.request('GET', '/session')).body.user.email, ADMIN.email);
      const cookie = client.cookie;
      assert.equal((await client.request('DELETE', '/session')).status, 204);
      client.cookie = cookie; // an old cookie replayed after sign-out
      assert.equal((await client.request('GET', '/session')).status, 401);
    });

    test('signing out everywhere ends every session of the person', async () => {
      const laptop = new NewsroomClient(server);
      const phone = new NewsroomClient(server);
      await laptop.signIn(ADMIN.email, ADMIN.password);
      await phone.signIn(ADMIN.email, ADMIN.password);
      const answer = await laptop.request('POST', '/session/sign-out-everywhere');
      assert.equal(answer.status, 200);
      assert.ok(answer.body.ended >= 2);
      assert.equal((await phone.request('GET', '/session')).status, 401);
    });

    test('invitations: the invited person cannot sign in until they choose a password through the emailed link, which works once', async () => {
      const admin = new NewsroomClient(server);
      await admin.signIn(ADMIN.email, ADMIN.password);
      const invited = await admin.request('POST', '/users/invitations', { email: 'cora@news.example', name: 'Cora Contributor', role: 'contributor' });
      assert.equal(invited.status, 201);
      assert.equal(invited.body.user.status, 'invited');
      const link = new URL(mailer.lastLink());
      assert.equal(link.origin + link.pathname, `${TEST_SITE_URL}/admin/accept-invitation`);
      assert.equal(mailer.sent.at(-1)!.to, 'cora@news.example');

      const cora = new NewsroomClient(server);
      assert.equal((await cora.signIn('cora@news.example', 'anything at all')).status, 401);
      const token = link.searchParams.get('token')!;
      assert.equal((await cora.request('POST', '/invitations/accept', { token, password: 'short' })).status, 422);
      assert.equal((await cora.request('POST', '/invitations/accept', { token, password: 'a long enough passphrase' })).status, 204);
      assert.equal((await cora.request('POST', '/invitations/accept', { token, password: 'another long passphrase' })).status, 400, 'the link works once');
      assert.equal((await cora.signIn('cora@news.example', 'a long enough passphrase')).status, 201);
      assert.equal((await cora.request('GET', '/session')).body.user.role, 'contributor');
    });

    test('password reset by emailed token; the request answers the same for unknown emails; other sessions end', async () => {
      const before = mailer.sent.length;
      const unknown = await new NewsroomClient(server).request('POST', '/password-reset', { email: 'nobody@news.example' });
      assert.equal(unknown.status, 202);
      assert.equal(mailer.sent.length, before, 'no email for an unknown address');

      const other = new NewsroomClient(server);
      await other.signIn(ADMIN.email, ADMIN.password);
      const known = await new NewsroomClient(server).request('POST', '/password-reset', { email: ADMIN.email });
      assert.deepEqual(known.body, unknown.body);
      const token = new URL(mailer.lastLink()).searchParams.get('token')!;
      const newPassword = 'a brand new passphrase';
      assert.equal((await new NewsroomClient(server).request('POST', '/password-reset/confirm', { token, password: newPassword })).status, 204);
      assert.equal((await other.request('GET', '/session')).status, 401, 'sessions end when the password changes');
      assert.equal((await new NewsroomClient(server).signIn(ADMIN.email, ADMIN.password)).status, 401);
      assert.equal((await new NewsroomClient(server).signIn(ADMIN.email, newPassword)).status, 201);
      ADMIN.password = newPassword;
    });

    test('deactivating a user ends their sessions at once; the last administrator cannot be demoted', async () => {
      const admin = new NewsroomClient(server);
      await admin.signIn(ADMIN.email, ADMIN.password);
      await admin.request('POST', '/users/invitations', { email: 'eve@news.example', name: 'Eve Editor', role: 'editor' });
      const token = new URL(mailer.lastLink()).searchParams.get('token')!;
      await new NewsroomClient(server).request('POST', '/invitations/accept', { token, password: 'editor passphrase 1' });
      const eve = new NewsroomClient(server);
      await eve.signIn('eve@news.example', 'editor passphrase 1');
      const users = (await admin.request('GET', '/users')).body.items as Array<{ id: number; email: string }>;
      const eveId = users.find((u) => u.email === 'eve@news.example')!.id;
      const adaId = users.find((u) => u.email === ADMIN.email)!.id;

      assert.equal((await admin.request('POST', `/users/${eveId}/deactivate`)).status, 200);
      assert.equal((await eve.request('GET', '/session')).status, 401);
      assert.equal((await eve.signIn('eve@news.example', 'editor passphrase 1')).status, 403);

      const demote = await admin.request('PUT', `/users/${adaId}/role`, { role: 'editor' });
      assert.equal(demote.status, 409);
      assert.match(demote.body.error.message, /only administrator/);
      assert.equal((await admin.request('POST', `/users/${adaId}/deactivate`)).status, 409);
    });

    test(`throttles sign-in: after ${MAX_FAILURES_PER_ACCOUNT} failures the account waits, even with the right password`, async () => {
      const victim = 'cora@news.example';
      for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
        assert.equal((await new NewsroomClient(server).signIn(victim, `guess number ${i}`)).status, 401);
      }
      const locked = await new NewsroomClient(server).signIn(victim, 'a long enough passphrase');
      assert.equal(locked.status, 429);
      assert.match(locked.body.error.message, /try again in 15 minutes/);
    });

    test('the API is described by an OpenAPI document', async () => {
      const response = await server.get('/api/admin/openapi.json');
      assert.equal(response.status, 200);
      const document = await response.json();
      assert.equal(document.openapi, '3.1.0');
      for (const path of ['/api/admin/session', '/api/admin/users/invitations', '/api/admin/settings']) assert.ok(document.paths[path], path);
      assert.equal(document.paths['/api/admin/session'].post.requestBody.content['application/json'].schema.required.join(), 'email,password');
    });
  });
}

describe('the one-time setup', () => {
  let t: TestStore;
  let server: RunningServer;
  before(async () => {
    t = await createTestStore('sqlite');
    // A byline without a password, as the demo and imports have, does not count as an account.
    await createBasics(t.store);
    server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  test('creates the first administrator and signs them in, then is closed for good', async () => {
    const client = new NewsroomClient(server);
    assert.deepEqual((await client.request('GET', '/setup')).body, { isNeeded: true });
    const weak = await client.request('POST', '/setup', { email: 'ada@news.example', name: 'Ada', password: 'short' });
    assert.equal(weak.status, 422);
    assert.equal(weak.body.error.issues[0].path, '/password');
    const created = await client.request('POST', '/setup', { email: 'ada@news.example', name: 'Ada', password: 'a long enough passphrase' });
    assert.equal(created.status, 201);
    assert.equal(created.body.user.role, 'administrator');
    client.csrfToken = created.body.csrfToken;
    assert.equal((await client.request('GET', '/session')).body.user.email, 'ada@news.example');
    assert.deepEqual((await client.request('GET', '/setup')).body, { isNeeded: false });
    const again = await new NewsroomClient(server).request('POST', '/setup', { email: 'mallory@news.example', name: 'Mallory', password: 'a long enough passphrase' });
    assert.equal(again.status, 403);
    assert.equal(await t.store.accounts.countWithPassword(), 1);
  });
});

describe('schema errors', () => {
  test('a value outside a choice is one issue naming the choices', async () => {
    const t = await createTestStore('sqlite');
    const server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
    try {
      await createAccount({ store: t.store, clock: testClock() }, { email: 'ada@news.example', name: 'Ada', role: 'administrator', password: 'a long enough passphrase' });
      const client = new NewsroomClient(server);
      await client.signIn('ada@news.example', 'a long enough passphrase');
      const answer = await client.request('POST', '/users/invitations', { email: 'bo@news.example', name: 'Bo', role: 'owner' });
      assert.equal(answer.status, 422);
      assert.deepEqual(answer.body.error.issues, [{ path: '/role', message: 'must be one of contributor, author, editor, administrator' }]);
    } finally {
      await server.close();
      await t.cleanup();
    }
  });
});
