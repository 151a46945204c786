import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { THROTTLES } from '../../src/operations/accounts/throttles.js';

const PASSWORD = 'correct horse battery staple';

/**
 * The server runs with TRUST_PROXY=1, as behind a load balancer: each
 * request's client is the last X-Forwarded-For entry, so a test can speak
 * from many addresses, as a distributed attacker does.
 */
function from(address: string, init: { method?: string; body?: unknown; cookie?: string; forwardedFor?: string } = {}): RequestInit {
  const headers: Record<string, string> = { 'x-forwarded-for': init.forwardedFor ?? address };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  return { method: init.method ?? 'POST', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) };
}

function cookieNamed(response: Response, name: string): string | undefined {
  const line = response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${name}=`));
  return line;
}

for (const engine of ENGINES) {
  describe(`abuse limits on accounts (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const mailer = keepingMailer();
    const accounts = ['reset@news.example', 'locked@news.example', 'racing@news.example', 'admin@news.example'];

    before(async () => {
      t = await createTestStore(engine);
      for (const email of accounts) await createAccount({ store: t.store, clock: testClock() }, { email, name: email.split('@')[0]!, password: PASSWORD, role: 'administrator' });
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer, env: { TRUST_PROXY: '1' } });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test(`40 password reset requests for one account in 2 s, from 40 addresses, send at most ${THROTTLES.resetAccount.limit} emails and answer the same each time`, async () => {
      const answers = await Promise.all(
        Array.from({ length: 40 }, (_, i) => server.get('/api/admin/password-reset', from(`198.51.100.${i + 1}`, { body: { email: 'reset@news.example' } }))),
      );
      assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([202]), 'the answer never says whether the account exists or is throttled');
      const sent = mailer.sent.filter((message) => message.to === 'reset@news.example');
      assert.ok(sent.length >= 1, 'the first request still sends its link');
      assert.ok(sent.length <= THROTTLES.resetAccount.limit, `${sent.length} emails were sent`);
    });

    test(`one address asking for more than ${THROTTLES.resetAddress.limit} resets, for any emails, is told to wait with 429 and Retry-After`, async () => {
      const statuses: number[] = [];
      let refused: Response | undefined;
      for (let i = 0; i <= THROTTLES.resetAddress.limit; i++) {
        const response = await server.get('/api/admin/password-reset', from('203.0.113.50', { body: { email: `someone${i}@elsewhere.example` } }));
        statuses.push(response.status);
        if (response.status === 429) refused = response;
      }
      assert.deepEqual(statuses, [...Array<number>(THROTTLES.resetAddress.limit).fill(202), 429]);
      const retryAfter = Number(refused!.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 3600, `Retry-After: ${retryAfter}`);
      const body = await refused!.json();
      assert.equal(body.error.code, 'TOO_MANY_REQUESTS');
      assert.match(body.error.message, /try again in \d+ minutes/);
      // Another address is not held up.
      assert.equal((await server.get('/api/admin/password-reset', from('203.0.113.51', { body: { email: 'x@elsewhere.example' } }))).status, 202);
    });

    test(`30 concurrent wrong passwords for one account: at most ${THROTTLES.signInAccount.limit} are checked, the rest are refused unchecked`, async () => {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, i) => server.get('/api/admin/session', from(`192.0.2.${i + 1}`, { body: { email: 'racing@news.example', password: `guess ${i}` } }))),
      );
      const statuses = answers.map((answer) => answer.status);
      const checked = statuses.filter((status) => status === 401).length;
      assert.equal(checked, THROTTLES.signInAccount.limit, `statuses: ${statuses.join(' ')}`);
      assert.equal(statuses.filter((status) => status === 429).length, 30 - THROTTLES.signInAccount.limit);
      assert.ok(answers.filter((answer) => answer.status === 429).every((answer) => Number(answer.headers.get('retry-after')) > 0));
    });

    test('a locked account still signs in from a browser it signed in from before, and not from a new one; that browser has a count of its own', async () => {
      const first = await server.get('/api/admin/session', from('192.0.2.200', { body: { email: 'locked@news.example', password: PASSWORD } }));
      assert.equal(first.status, 201);
      const device = cookieNamed(first, 'masthead_device');
      assert.ok(device, 'a device cookie is set when signing in');
      assert.match(device, /HttpOnly/i);
      assert.match(device, /SameSite=Strict/i);
      assert.match(device, /Path=\/api\/admin\//);
      const deviceCookie = device.split(';')[0]!;
      const token = deviceCookie.split('=')[1]!;
      const stored = await t.store.dialect.db.withTables<{ known_devices: { id: string } }>().selectFrom('known_devices').select('id').execute();
      assert.ok(stored.some((row) => row.id === createHash('sha256').update(token).digest('hex')), 'the store keeps its hash');
      assert.ok(stored.every((row) => row.id !== token), 'never the token');

      // An attacker, from many addresses, locks the account.
      for (let i = 0; i < THROTTLES.signInAccount.limit; i++) {
        assert.equal((await server.get('/api/admin/session', from(`198.18.0.${i + 1}`, { body: { email: 'locked@news.example', password: 'wrong guess' } }))).status, 401);
      }
      const newBrowser = await server.get('/api/admin/session', from('192.0.2.201', { body: { email: 'locked@news.example', password: PASSWORD } }));
      assert.equal(newBrowser.status, 429, 'a browser the account has not used waits, even with the right password');

      const knownBrowser = await server.get('/api/admin/session', from('192.0.2.200', { body: { email: 'locked@news.example', password: PASSWORD }, cookie: deviceCookie }));
      assert.equal(knownBrowser.status, 201, 'the owner signs in from their own browser');
      assert.ok(cookieNamed(knownBrowser, 'masthead_session'));

      // The known browser's own failures lock that browser alone.
      for (let i = 0; i < THROTTLES.signInDevice.limit; i++) {
        assert.equal((await server.get('/api/admin/session', from('192.0.2.200', { body: { email: 'locked@news.example', password: 'typo' }, cookie: deviceCookie }))).status, 401);
      }
      assert.equal((await server.get('/api/admin/session', from('192.0.2.200', { body: { email: 'locked@news.example', password: PASSWORD }, cookie: deviceCookie }))).status, 429);
    });

    test("a device cookie counts only for the account that signed in with it", async () => {
      const signedIn = await server.get('/api/admin/session', from('192.0.2.210', { body: { email: 'admin@news.example', password: PASSWORD } }));
      assert.equal(signedIn.status, 201);
      const deviceCookie = cookieNamed(signedIn, 'masthead_device')!.split(';')[0]!;
      // locked@ is still locked from the test above; admin@'s browser is no key to it.
      const answer = await server.get('/api/admin/session', from('192.0.2.211', { body: { email: 'locked@news.example', password: PASSWORD }, cookie: deviceCookie }));
      assert.equal(answer.status, 429);
    });

    test('rotating X-Forwarded-For does not escape the per-address sign-in limit: only the proxy in front is believed', async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= THROTTLES.signInAddress.limit; i++) {
        // The client writes its own X-Forwarded-For; the proxy appends the address it saw (the last entry).
        const response = await server.get(
          '/api/admin/session',
          from('', { forwardedFor: `10.9.${i}.1, 100.64.0.7`, body: { email: `nobody${i}@elsewhere.example`, password: 'whatever it is' } }),
        );
        statuses.push(response.status);
      }
      assert.equal(statuses.at(-1), 429, `statuses: ${statuses.join(' ')}`);
      assert.equal(statuses.filter((status) => status === 401).length, THROTTLES.signInAddress.limit);
    });

    test(`invitations to one email are limited to ${THROTTLES.inviteAccount.limit} an hour; past it, 429 and nothing is sent or written`, async () => {
      const admin = new NewsroomClient(server);
      assert.equal((await admin.signIn('admin@news.example', PASSWORD)).status, 201);
      const before = mailer.sent.length;
      const statuses: number[] = [];
      for (let i = 0; i <= THROTTLES.inviteAccount.limit; i++) {
        statuses.push((await admin.request('POST', '/users/invitations', { email: 'newcomer@news.example', name: 'New Comer', role: 'author' })).status);
      }
      assert.deepEqual(statuses, [...Array<number>(THROTTLES.inviteAccount.limit).fill(201), 429]);
      assert.equal(mailer.sent.length - before, THROTTLES.inviteAccount.limit);
      const tokens = await t.store.dialect.db.selectFrom('account_tokens').select('id').where('kind', '=', 'invitation').execute();
      assert.equal(tokens.length, THROTTLES.inviteAccount.limit, 'the refused invitation made no token');
    });
  });
}

for (const engine of ENGINES) {
  describe(`rate counters in the store (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    before(async () => {
      t = await createTestStore(engine);
    });
    after(async () => t?.cleanup());

    test('30 concurrent hits on one key each get a different count: no two read the same', async () => {
      const now = Date.parse('2026-11-20T12:00:00Z');
      const results = await Promise.all(Array.from({ length: 30 }, () => t.store.rateCounters.hit({ key: 'k', now, windowMs: 60_000 })));
      assert.deepEqual(
        results.map((result) => result.count).sort((a, b) => a - b),
        Array.from({ length: 30 }, (_, i) => i + 1),
      );
      assert.ok(results.every((result) => result.resetsAt === now + 60_000));
    });

    test('a window that has ended starts again at one; ended windows are swept', async () => {
      const now = Date.parse('2026-11-20T12:00:00Z');
      await t.store.rateCounters.hit({ key: 'w', now, windowMs: 1000 });
      await t.store.rateCounters.hit({ key: 'w', now, windowMs: 1000 });
      const later = await t.store.rateCounters.hit({ key: 'w', now: now + 1000, windowMs: 1000 });
      assert.deepEqual(later, { count: 1, resetsAt: now + 2000 });
      await t.store.rateCounters.release('w');
      assert.equal((await t.store.rateCounters.hit({ key: 'w', now: now + 1000, windowMs: 1000 })).count, 1, 'a released hit is given back');
      assert.ok((await t.store.rateCounters.sweep(now + 5000)) >= 1);
      assert.equal((await t.store.rateCounters.hit({ key: 'w', now: now + 5000, windowMs: 1000 })).count, 1);
    });
  });
}
