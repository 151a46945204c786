import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import fc from 'fast-check';
import { ROLES, type Role } from '../../src/content/roles.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { newsroomRoutes } from '../../src/newsroom/routes.js';
import { wpJsonRoutes } from '../../src/wp-json/routes.js';
import { SiteState } from '../../src/site/site-state.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, testClock } from '../helpers/factories.js';
import { keepingMailer, TEST_SITE_URL } from '../helpers/server.js';
import { startLoggedServer, type LogLine } from '../helpers/attack-server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';
import { pluginRoutes, registeredRoutes, type RouteEntry } from '../helpers/route-table.js';
import { CONTENT_TYPES, NASTY_STRINGS, RAW_BODIES, RAW_URL_PIECES, encodeURIComponentLoose, multipartArbitrary, queryArbitrary } from './fuzz-inputs.js';
import { fromSchema, mutated, type Hints } from './fuzz-schema.js';

/**
 * Thousands of generated requests against every route the program serves —
 * the site, its feeds, sitemaps and AMP pages, /wp-json/, the newsroom app and
 * every operation of the admin API's OpenAPI document — anonymously and as
 * staff of each role: schema-shaped bodies mutated at one place, broken
 * bodies, broken multipart, broken percent-encoding, huge and prototype-named
 * values. Nothing may answer 5xx, log an error or throw where nobody catches
 * it, and the server must still answer afterwards.
 *
 * The routes are read from the servers' own route tables, so a new route is
 * fuzzed without editing this file; a route whose path parameter has no
 * generator fails the first test. The seed is printed and FUZZ_SEED replays a
 * run; FUZZ_RUNS changes its size (10,000 requests by default on SQLite).
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_203;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 10_000;
const RUNS_BY_ENGINE = { sqlite: RUNS, postgres: Math.ceil(RUNS / 5) };
const IN_FLIGHT = 6;
const PASSWORD = 'a long enough passphrase';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));

type Who = 'anonymous' | Role;
const WHO: Who[] = ['anonymous', ...ROLES];

interface FuzzRequest {
  /** The route as registered (`GET /tag/:slug/`), for grouping failures. */
  route: string;
  method: string;
  path: string;
  as: Who;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** Leave the CSRF header off (or send a wrong one) for a signed-in request. */
  csrf: 'right' | 'none' | 'wrong';
}

interface Outcome {
  request: FuzzRequest;
  status: number;
  text: string;
  error?: string;
}

/** Lazily built sub-applications are forwarded to through these; their own routes are fuzzed instead. */
const FORWARDERS = new Set(['/api/admin', '/api/admin/*', '/admin', '/admin/*', '/wp-json', '/wp-json/*']);

/** Query parameters the site and /wp-json/ read, and a few WordPress ones they might one day. */
const QUERY_NAMES = [
  's', 'after', 'amp', 'noamp', 'p', 'page_id', 'cat', 'tag', 'feed', 'paged', 'page', 'per_page', '_embed', '_fields', 'search', 'slug', 'include', 'exclude',
  'categories', 'tags', 'author', 'order', 'orderby', 'status', 'type', 'subtype', 'before', 'post', 'parent', 'password', 'sticky', 'hide_empty', 'id', 'context',
  'offset', 'v', 'next', 'utm_source', 'replytocom',
];

function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : `<${request.body.length} bytes> ${request.body.subarray(0, 300).toString('latin1')}`;
  const shown = body.length > 600 ? `${body.slice(0, 600)}… (${body.length} characters)` : body;
  return `${request.method} ${request.path.length > 400 ? `${request.path.slice(0, 400)}…` : request.path} as ${request.as} (csrf ${request.csrf})\n    headers ${JSON.stringify(request.headers)}\n    body ${JSON.stringify(shown)}`;
}

for (const engine of ENGINES) {
  describe(`fuzzing every route (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: Awaited<ReturnType<typeof startLoggedServer>>;
    const clients = new Map<Role, NewsroomClient>();
    const signingIn = new Map<Role, Promise<void>>();
    const uncaught: string[] = [];
    const onUncaught = (error: unknown) => uncaught.push(`uncaughtException: ${(error as Error)?.stack ?? String(error)}`);
    const onRejection = (error: unknown) => uncaught.push(`unhandledRejection: ${(error as Error)?.stack ?? String(error)}`);
    let publicRoutes: Map<string, Set<string>>;
    let adminOperations: Array<{ method: string; path: string; operation: any }>;
    let hints: Hints;
    let slugs: string[];
    let victimUserIds: number[];
    let headBodies = 0;

    async function signIn(role: Role): Promise<void> {
      const client = new NewsroomClient(server);
      const answer = await client.signIn(`${role}@news.example`, PASSWORD);
      assert.equal(answer.status, 201, `${role} signs in again: ${JSON.stringify(answer.body)}`);
      clients.set(role, client);
    }

    before(async () => {
      process.on('uncaughtException', onUncaught);
      process.on('unhandledRejection', onRejection);
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      await seedReference(t.store, t.dataDir);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 6 });
      await createAccount(context, { email: 'owner@news.example', name: 'The Owner', role: 'administrator', password: PASSWORD });
      for (const role of ROLES) await createAccount(context, { email: `${role}@news.example`, name: `The ${role}`, role, password: PASSWORD });
      server = await startLoggedServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      for (const role of ROLES) await signIn(role);

      // Things for ids to find: a picture, a draft of each role, a redirect, users to act on who are not the staff signed in here.
      const owner = new NewsroomClient(server);
      assert.equal((await owner.signIn('owner@news.example', PASSWORD)).status, 201);
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PHOTO)]), 'photo.jpg');
      const media = await owner.upload('/media', form);
      assert.equal(media.status, 201, JSON.stringify(media.body));
      for (const role of ROLES) assert.equal((await clients.get(role)!.request('POST', '/posts', { title: `A draft by the ${role}` })).status, 201);
      assert.equal((await owner.request('POST', '/redirects', { fromPath: '/an-old-address/', toPath: '/' })).status, 201);
      victimUserIds = [];
      for (let i = 0; i < 3; i++) victimUserIds.push((await owner.request('POST', '/users/invitations', { email: `victim${i}@news.example`, name: `Victim ${i}`, role: 'author' })).body.user.id);

      const db = t.store.dialect.db as unknown as { selectFrom(table: string): { select(column: string): { execute(): Promise<Array<Record<string, unknown>>> } } };
      const idsOf = async (table: string) => (await db.selectFrom(table).select('id').execute()).map((row) => Number(row.id));
      const slugsOf = async (table: string) => (await db.selectFrom(table).select('slug').execute()).map((row) => String(row.slug));
      const postIds = await idsOf('posts');
      hints = { ids: [...new Set([...postIds, ...(await idsOf('tags')), ...(await idsOf('categories')), ...(await idsOf('redirects')), ...(await idsOf('media'))])], mediaIds: await idsOf('media') };
      slugs = [...(await slugsOf('posts')), ...(await slugsOf('tags')), ...(await slugsOf('categories')), ...(await slugsOf('users'))];

      // The site's own routes, and those of the applications it builds on first use.
      const site = new SiteState({ store: t.store, siteUrl: TEST_SITE_URL });
      await site.reload();
      const entries: RouteEntry[] = [
        ...registeredRoutes(server.app.server).filter((entry) => !FORWARDERS.has(entry.url)),
        ...(await pluginRoutes(wpJsonRoutes, { store: t.store, clock: testClock(), site: () => site.current })),
        ...(await pluginRoutes(newsroomRoutes, {})),
      ];
      publicRoutes = new Map();
      for (const entry of entries) publicRoutes.set(entry.url, (publicRoutes.get(entry.url) ?? new Set()).add(entry.method));

      const document = await (await server.get('/api/admin/openapi.json')).json();
      adminOperations = Object.entries(document.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) =>
        Object.entries(methods).map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
      );
    });

    after(async () => {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onRejection);
      await server?.close();
      await t?.cleanup();
    });

    /** Values for a path parameter, by its name; undefined for a name nobody taught this test. */
    function parameter(name: string, route: string): fc.Arbitrary<string> | undefined {
      const nasty = fc.constantFrom(...NASTY_STRINGS.filter((text) => text.length < 1_000)).map(encodeURIComponentLoose);
      const raw = fc.constantFrom(...RAW_URL_PIECES);
      const mix = (...own: Array<fc.Arbitrary<string>>) => fc.oneof({ weight: 6, arbitrary: fc.oneof(...own) }, { weight: 1, arbitrary: nasty }, { weight: 1, arbitrary: raw });
      const integerText = fc.oneof(fc.integer({ min: -5, max: 60 }).map(String), fc.constantFrom('0', '00', '1e3', '1.5', '9'.repeat(30), '2147483648', ' 1', '0x1', '-0'));
      switch (name) {
        case 'slug':
          return mix(fc.constantFrom(...slugs), fc.stringMatching(/^[a-z0-9-]{1,30}$/), fc.constantFrom('x'.repeat(250), 'ü', 'A-B'));
        case 'page':
        case 'number':
        case 'revision':
          return mix(integerText);
        case 'id':
          // Never the staff this test signs in as: deactivating one would end the run.
          if (route.includes('/users/')) return mix(fc.constantFrom(...victimUserIds.map(String)), fc.integer({ min: 1_000, max: 2 ** 31 }).map(String), fc.constantFrom('-1', '0', 'abc', '1.5'));
          return mix(fc.constantFrom(...hints.ids.map(String)), integerText);
        case 'token':
          return mix(fc.stringMatching(/^[A-Za-z0-9_-]{0,80}$/));
        case 'file':
          return mix(fc.constantFrom('app.js', 'app.css', 'index.html', '..%2f..%2fpackage.json'), fc.stringMatching(/^[a-z0-9.-]{1,40}$/));
        case '*':
          return mix(
            fc.stringMatching(/^[a-z0-9/._-]{0,60}$/),
            fc.constantFrom('media/', 'media/x.jpg', 'media/../../etc/passwd', 'media/%2e%2e/%2e%2e/package.json', 'wp-admin/', 'xmlrpc.php', '.env', 'a//b', 'feed'),
          );
        default:
          return undefined;
      }
    }

    /** `/tag/:slug/page/:page/` with generated values in its places; undefined when one has no generator. */
    function pathArbitrary(pattern: string, route: string): fc.Arbitrary<string> | undefined {
      const pieces: Array<string | fc.Arbitrary<string>> = [];
      const matcher = /:(\w+)(\((?:[^()]|\([^()]*\))*\))?|\*|\{(\w+)\}/g;
      let last = 0;
      for (const match of pattern.matchAll(matcher)) {
        pieces.push(pattern.slice(last, match.index));
        const name = match[0] === '*' ? '*' : (match[1] ?? match[3]!);
        const values = parameter(name, route);
        if (!values) return undefined;
        pieces.push(values);
        last = match.index! + match[0].length;
      }
      pieces.push(pattern.slice(last));
      return fc.tuple(...pieces.map((piece) => (typeof piece === 'string' ? fc.constant(piece) : piece))).map((parts) => parts.join(''));
    }

    const who = fc.constantFrom(...WHO);
    const csrf = fc.constantFrom<FuzzRequest['csrf']>('right', 'right', 'right', 'right', 'none', 'wrong');
    const extraHeaders = fc.oneof(
      { weight: 8, arbitrary: fc.constant({}) },
      {
        weight: 1,
        arbitrary: fc.constantFrom<Record<string, string>>(
          { 'if-none-match': '"\u00ff garbage' },
          { 'if-modified-since': 'not a date' },
          { range: 'bytes=99999999-1' },
          { 'accept-encoding': 'br;q=2, gzip;q=-1' },
          { accept: 'application/json;q=abc' },
          { 'x-forwarded-for': '::1, 256.256.256.256' },
          { cookie: 'masthead_session=%E0%A4%A; a=\u00ff' },
        ),
      },
    );

    function publicArbitrary(url: string, methods: Set<string>): fc.Arbitrary<FuzzRequest> | undefined {
      const path = pathArbitrary(url, url);
      if (!path) return undefined;
      const method = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...methods) }, { weight: 1, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH') });
      const body = fc.oneof(
        { weight: 3, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.record({ type: fc.constantFrom('application/x-www-form-urlencoded', ...CONTENT_TYPES), text: fc.oneof(fc.constantFrom(...RAW_BODIES.slice(0, 19)), queryArbitrary(['post_password', 'password', 'redirect_to', '_wpnonce'])) }) },
      );
      return fc
        .record({ path, query: queryArbitrary(QUERY_NAMES), method, as: fc.oneof({ weight: 4, arbitrary: fc.constant<Who>('anonymous') }, { weight: 1, arbitrary: who }), csrf, body, headers: extraHeaders })
        .map(({ path, query, method, as, csrf, body, headers }) => {
          const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
          return {
            route: `${[...methods].join('/')} ${url}`,
            method,
            path: query ? `${path}?${query}` : path,
            as,
            csrf,
            headers: { ...headers, ...(hasBody ? { 'content-type': body.type } : {}) },
            body: hasBody ? body.text : undefined,
          };
        });
    }

    function adminArbitrary(operation: { method: string; path: string; operation: any }): fc.Arbitrary<FuzzRequest> | undefined {
      const route = `${operation.method} ${operation.path}`;
      const path = pathArbitrary(operation.path, route);
      if (!path) return undefined;
      const queryNames = ((operation.operation.parameters ?? []) as Array<{ in: string; name: string }>).filter((p) => p.in === 'query').map((p) => p.name);
      const query = queryNames.length > 0 ? queryArbitrary([...queryNames, 'page', 'perPage']) : fc.oneof({ weight: 5, arbitrary: fc.constant('') }, { weight: 1, arbitrary: queryArbitrary(['x', 'id']) });
      const schema = operation.operation.requestBody?.content?.['application/json']?.schema;
      const valid = fromSchema(schema ?? { type: 'object', properties: {} }, hints);
      const json = (value: unknown) => ({ type: 'application/json', text: JSON.stringify(value) ?? 'null' as string | Buffer });
      const isUpload = operation.method === 'POST' && operation.path.endsWith('/media');
      const body = fc.oneof(
        { weight: schema ? 3 : 1, arbitrary: valid.map(json) },
        { weight: schema ? 6 : 1, arbitrary: mutated(valid).map(json) },
        { weight: 2, arbitrary: fc.record({ type: fc.constantFrom(...CONTENT_TYPES), text: fc.constantFrom<string | Buffer>(...RAW_BODIES) }) },
        { weight: isUpload ? 12 : 1, arbitrary: multipartArbitrary(PHOTO).map(({ contentType, body }) => ({ type: contentType, text: body as string | Buffer })) },
        { weight: schema || isUpload ? 0 : 3, arbitrary: fc.constant(undefined) },
      );
      return fc
        .record({ path, query, as: fc.oneof({ weight: 1, arbitrary: fc.constant<Who>('anonymous') }, { weight: 5, arbitrary: fc.constantFrom<Who>(...ROLES) }), csrf, body, headers: extraHeaders })
        .map(({ path, query, as, csrf, body, headers }) => ({
          route,
          method: operation.method,
          path: query ? `${path}?${query}` : path,
          as,
          csrf,
          headers: { ...headers, ...(body && operation.method !== 'GET' ? { 'content-type': body.type } : {}) },
          body: body && operation.method !== 'GET' ? body.text : undefined,
        }));
    }

    function send(request: FuzzRequest): Promise<Outcome> {
      const headers: Record<string, string | number> = { ...request.headers };
      if (request.as !== 'anonymous') {
        const client = clients.get(request.as)!;
        if (client.cookie) headers.cookie = client.cookie;
        if (request.csrf === 'right' && client.csrfToken) headers['x-csrf-token'] = client.csrfToken;
        if (request.csrf === 'wrong') headers['x-csrf-token'] = 'not-the-token';
      }
      const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body);
      if (body) headers['content-length'] = body.length;
      // A connection of its own: a request that leaves the stream in a bad state cannot take the next one down with it.
      headers.connection = 'close';
      return new Promise((resolve) => {
        const outgoing = http.request(`${server.url}${request.path}`, { method: request.method, headers, agent: false, timeout: 30_000, maxHeaderSize: 256 * 1024 }, (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            if (size < 2_000) chunks.push(chunk);
            size += chunk.length;
          });
          response.on('end', () => resolve({ request, status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, 500) }));
          response.on('error', (error) => resolve({ request, status: response.statusCode ?? 0, text: '', error: error.message }));
        });
        outgoing.on('timeout', () => outgoing.destroy(new Error('no answer within 30 s')));
        outgoing.on('error', (error: NodeJS.ErrnoException) => {
          // Fastify answers a request its HTTP parser refused (a 431 for a URL over 16 KB) with a JSON body even to HEAD,
          // which an HTTP client cannot read; the same request as GET says what the answer was.
          if (request.method === 'HEAD' && error.code?.startsWith('HPE_')) {
            headBodies++;
            send({ ...request, method: 'GET' }).then(resolve);
          } else resolve({ request, status: 0, text: '', error: error.message });
        });
        outgoing.end(body);
      });
    }

    /** A staff request answered 401 means the fuzz signed that person out (DELETE /session): sign in again, once. */
    async function keepSignedIn(outcome: Outcome): Promise<void> {
      const role = outcome.request.as;
      if (role === 'anonymous' || outcome.status !== 401) return;
      const check = await clients.get(role)!.request('GET', '/session');
      if (check.status === 200) return;
      let pending = signingIn.get(role);
      if (!pending) {
        pending = signIn(role).finally(() => signingIn.delete(role));
        signingIn.set(role, pending);
      }
      await pending;
    }

    test('an error the server logs reaches this test', () => {
      const before = server.logs.length;
      server.app.server.log.error({ probe: true }, 'probe');
      assert.equal(server.logs.at(-1)?.msg, 'probe');
      assert.ok(server.logs.at(-1)!.level >= 50);
      server.logs.splice(before);
    });

    test('every route has a generator', () => {
      const missing = [
        ...[...publicRoutes].filter(([url, methods]) => !publicArbitrary(url, methods)).map(([url]) => url),
        ...adminOperations.filter((operation) => !adminArbitrary(operation)).map((operation) => `${operation.method} ${operation.path}`),
      ];
      assert.deepEqual(missing, [], 'routes with a path parameter this test has no values for: add them to parameter()');
      assert.ok(publicRoutes.size >= 40, `the site's route table was read (${publicRoutes.size} routes)`);
      assert.ok(adminOperations.length >= 40, `the OpenAPI document was read (${adminOperations.length} operations)`);
    });

    test(`${RUNS_BY_ENGINE[engine]} generated requests: no 5xx, no error logged, nothing thrown, and the server still answers`, { timeout: 600_000 }, async () => {
      const arbitraries = [
        ...[...publicRoutes].map(([url, methods]) => publicArbitrary(url, methods)),
        ...adminOperations.map((operation) => adminArbitrary(operation)),
      ].filter((arbitrary): arbitrary is fc.Arbitrary<FuzzRequest> => arbitrary !== undefined);
      const runs = RUNS_BY_ENGINE[engine];
      console.log(`# fuzz (${engine}): ${runs} requests over ${arbitraries.length} routes, seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
      const requests = fc.sample(fc.oneof(...arbitraries), { seed: SEED, numRuns: runs });

      const outcomes: Outcome[] = [];
      const perRoute = new Map<string, number>();
      let next = 0;
      async function worker(): Promise<void> {
        while (next < requests.length) {
          const request = requests[next++]!;
          const outcome = await send(request);
          outcomes.push(outcome);
          perRoute.set(request.route, (perRoute.get(request.route) ?? 0) + 1);
          await keepSignedIn(outcome);
        }
      }
      await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

      // A refused oversized body may close the connection before the answer is read: that is not a failure.
      const failures = outcomes.filter((o) => o.status >= 500 || (o.status === 0 && !(Buffer.byteLength(o.request.body ?? '') > 1_000_000)));
      const groups = new Map<string, Outcome[]>();
      for (const failure of failures) {
        const key = `${failure.request.route} → ${failure.status || failure.error}`;
        groups.set(key, [...(groups.get(key) ?? []), failure]);
      }
      const errorLines = server.logs.filter((line: LogLine) => line.level >= 50);
      const statuses = new Map<number, number>();
      for (const outcome of outcomes) statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
      if (headBodies > 0) console.log(`# fuzz (${engine}): ${headBodies} HEAD requests were answered with a body (Fastify's client error answer), read again as GET`);
      console.log(`# fuzz (${engine}): answers by status ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}`);

      const report = [
        ...[...groups].map(([key, list]) => `${key} (${list.length}×), e.g.\n  ${list.slice(0, 2).map((o) => `${describeRequest(o.request)}\n    answer ${JSON.stringify(o.text.slice(0, 300))}`).join('\n  ')}`),
        ...dedupe(errorLines.map((line) => `logged: ${line.msg} ${line.err?.type ?? ''}: ${line.err?.message ?? ''}\n    ${(line.err?.stack ?? '').split('\n').slice(1, 5).join('\n    ')}`)),
        ...uncaught,
      ];
      if (report.length > 0) console.log(`# fuzz (${engine}) failures, seed ${SEED}:\n${report.join('\n')}`);

      assert.deepEqual([...groups.keys()], [], `requests answered 5xx or not at all (seed ${SEED}); see the report above`);
      assert.equal(errorLines.length, 0, `errors in the server's log (seed ${SEED}); see the report above`);
      assert.deepEqual(uncaught, [], 'nothing thrown where nobody catches it');
      const unvisited = arbitraries.length - perRoute.size;
      assert.ok(unvisited <= 0, `${unvisited} routes got no request: raise FUZZ_RUNS`);
      assert.equal((await server.get('/healthz')).status, 200, 'the server still answers /healthz');
      assert.equal((await server.get('/', { headers: { accept: 'text/html' } })).status, 200, 'the server still serves the home page');
    });
  });
}

function dedupe(lines: string[]): string[] {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return [...counts].map(([line, count]) => (count > 1 ? `${line}\n    (${count}×)` : line));
}
