import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { keepingMailer, startServer, type RunningServer } from '../helpers/server.js';
import { NewsroomClient, type ApiAnswer } from '../helpers/newsroom-client.js';
import { ROLES, type Role } from '../../src/content/roles.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';

/**
 * Every admin API endpoint, tried by every role: allowed ones succeed,
 * refused ones answer 403 and change nothing in the store. The list is
 * checked against the OpenAPI document, so an endpoint added without a row
 * here fails this test.
 */

const PASSWORD = 'a long enough passphrase';
const PHOTO = readFileSync(join(import.meta.dirname, '../fixtures/media/newsroom-photo.jpg'));
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ text }] });
const ALL: Role[] = [...ROLES];
const AUTHORS_UP: Role[] = ['author', 'editor', 'administrator'];
const EDITORS_UP: Role[] = ['editor', 'administrator'];
const ADMINS: Role[] = ['administrator'];

/** Endpoints anyone may call without a session: signing in, resets, invitations, the one-time setup, the API's own description. */
const PUBLIC = ['POST /session', 'POST /password-reset', 'POST /password-reset/confirm', 'POST /invitations/accept', 'GET /setup', 'POST /setup'];

interface Fixture {
  /** A post by somebody else (the owner), in the status the row asks for. */
  otherPost?: { id: number; revision: number };
  /** A post by the role trying the call. */
  ownPost?: { id: number; revision: number };
  userId?: number;
  mediaId?: number;
  categoryId?: number;
  tagId?: number;
  otherTagId?: number;
  redirectId?: number;
  jobId?: number;
}

interface Row {
  method: string;
  /** As in the OpenAPI document, with `{id}`-style parameters. */
  route: string;
  allowed: Role[];
  setup?: (kit: Kit, role: Role) => Promise<Fixture>;
  path: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  upload?: boolean;
  /** Whose resource (post, picture, tag) the call is tried on. */
  whose?: string;
}

interface Kit {
  owner: NewsroomClient;
  as: Record<Role, NewsroomClient>;
  userIds: Record<Role, number>;
  newPost(client: NewsroomClient, status: 'draft' | 'pending' | 'published'): Promise<{ id: number; revision: number }>;
  /** A draft page by the owner that names `role`'s account as an author too. */
  newPage(role: Role): Promise<{ id: number; revision: number }>;
  newMedia(): Promise<number>;
  /** A picture recorded as uploaded by `role`'s account (a contributor cannot upload, but may have pictures from before a role change). */
  newMediaOf(role: Role): Promise<number>;
  /** A tag created by `role`, which anyone who writes may do. */
  newTagOf(role: Role): Promise<number>;
  newUser(): Promise<number>;
  newCategory(): Promise<number>;
  newTag(name?: string): Promise<number>;
  newRedirect(): Promise<number>;
  /** A background job that has failed for good, as one whose handler kept throwing is kept. */
  newFailedJob(): Promise<number>;
}

const other = (status: 'draft' | 'pending' | 'published') => async (kit: Kit) => ({ otherPost: await kit.newPost(kit.owner, status) });
const own = (status: 'draft' | 'pending' | 'published') => async (kit: Kit, role: Role) => ({ ownPost: await kit.newPost(kit.as[role], status) });

const ROWS: Row[] = [
  { method: 'GET', route: '/session', allowed: ALL, path: () => '/session' },
  { method: 'GET', route: '/users', allowed: ADMINS, path: () => '/users' },
  { method: 'POST', route: '/users/invitations', allowed: ADMINS, path: () => '/users/invitations', body: () => ({ email: `new${Math.random()}@news.example`.replace('0.', ''), name: 'New Person', role: 'author' }) },
  { method: 'PUT', route: '/users/{id}/role', allowed: ADMINS, setup: async (kit) => ({ userId: await kit.newUser() }), path: (f) => `/users/${f.userId}/role`, body: () => ({ role: 'editor' }) },
  { method: 'POST', route: '/users/{id}/deactivate', allowed: ADMINS, setup: async (kit) => ({ userId: await kit.newUser() }), path: (f) => `/users/${f.userId}/deactivate` },
  {
    method: 'POST',
    route: '/users/{id}/reactivate',
    allowed: ADMINS,
    setup: async (kit) => {
      const userId = await kit.newUser();
      await kit.owner.request('POST', `/users/${userId}/deactivate`);
      return { userId };
    },
    path: (f) => `/users/${f.userId}/reactivate`,
  },
  { method: 'GET', route: '/settings', allowed: ADMINS, path: () => '/settings' },
  { method: 'PATCH', route: '/settings', allowed: ADMINS, path: () => '/settings', body: () => ({ tagline: `Changed ${Math.random()}` }) },

  { method: 'POST', route: '/media', allowed: AUTHORS_UP, path: () => '/media', upload: true },
  { method: 'GET', route: '/media', allowed: ALL, path: () => '/media' },
  { method: 'PATCH', route: '/media/{id}', allowed: EDITORS_UP, whose: 'someone else’s picture', setup: async (kit) => ({ mediaId: await kit.newMedia() }), path: (f) => `/media/${f.mediaId}`, body: () => ({ alt: 'Described' }) },
  { method: 'PATCH', route: '/media/{id}', allowed: AUTHORS_UP, whose: 'their own picture', setup: async (kit, role) => ({ mediaId: await kit.newMediaOf(role) }), path: (f) => `/media/${f.mediaId}`, body: () => ({ alt: 'Described' }) },
  { method: 'GET', route: '/media/{id}/usage', allowed: ALL, setup: async (kit) => ({ mediaId: await kit.newMedia() }), path: (f) => `/media/${f.mediaId}/usage` },

  { method: 'GET', route: '/posts', allowed: ALL, path: () => '/posts' },
  { method: 'POST', route: '/posts', allowed: ALL, path: () => '/posts', body: () => ({ title: 'A new draft' }) },
  { method: 'POST', route: '/posts', allowed: EDITORS_UP, whose: 'a page', path: () => '/posts', body: () => ({ title: 'About us', kind: 'page' }) },
  { method: 'PUT', route: '/posts/{id}', allowed: EDITORS_UP, whose: 'a page naming them', setup: async (kit, role) => ({ otherPost: await kit.newPage(role) }), path: (f) => `/posts/${f.otherPost!.id}`, body: (f) => ({ revision: f.otherPost!.revision, title: 'Edited' }) },
  { method: 'GET', route: '/posts/{id}', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}` },
  { method: 'PUT', route: '/posts/{id}', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}`, body: (f) => ({ revision: f.otherPost!.revision, title: 'Edited' }) },
  { method: 'PUT', route: '/posts/{id}/access', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/access`, body: () => ({ password: 'pw', isSticky: false }) },
  { method: 'PUT', route: '/posts/{id}/autosave', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/autosave`, body: (f) => ({ revision: f.otherPost!.revision, title: 'Half-written' }) },
  { method: 'POST', route: '/posts/{id}/submit', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/submit`, body: () => ({}) },
  { method: 'POST', route: '/posts/{id}/approve', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('pending'), path: (f) => `/posts/${f.otherPost!.id}/approve`, body: () => ({}) },
  { method: 'POST', route: '/posts/{id}/schedule', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/schedule`, body: () => ({ publishedAt: '2030-01-01T09:00:00Z' }) },
  { method: 'POST', route: '/posts/{id}/unpublish', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('published'), path: (f) => `/posts/${f.otherPost!.id}/unpublish`, body: () => ({}) },
  { method: 'POST', route: '/posts/{id}/send-back', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('pending'), path: (f) => `/posts/${f.otherPost!.id}/send-back`, body: () => ({ note: 'Not yet' }) },
  { method: 'POST', route: '/posts/{id}/preview', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/preview` },
  { method: 'GET', route: '/posts/{id}/revisions', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/revisions` },
  { method: 'GET', route: '/posts/{id}/revisions/{revision}/diff', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/revisions/1/diff` },
  { method: 'POST', route: '/posts/{id}/revisions/{revision}/restore', allowed: EDITORS_UP, whose: 'someone else’s post', setup: other('draft'), path: (f) => `/posts/${f.otherPost!.id}/revisions/1/restore`, body: () => ({}) },
  // One's own posts: everyone edits and submits their drafts; publishing them, or editing them once published, takes an author.
  { method: 'PUT', route: '/posts/{id}', allowed: ALL, whose: 'their own post', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}`, body: (f) => ({ revision: f.ownPost!.revision, title: 'My edit' }) },
  { method: 'PUT', route: '/posts/{id}/access', allowed: ALL, whose: 'their own post (a password)', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}/access`, body: () => ({ password: 'pw', isSticky: false }) },
  { method: 'PUT', route: '/posts/{id}/access', allowed: AUTHORS_UP, whose: 'their own post (sticky)', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}/access`, body: () => ({ password: null, isSticky: true }) },
  { method: 'POST', route: '/posts/{id}/submit', allowed: ALL, whose: 'their own post', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}/submit`, body: () => ({}) },
  { method: 'POST', route: '/posts/{id}/approve', allowed: AUTHORS_UP, whose: 'their own post', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}/approve`, body: () => ({}) },
  { method: 'POST', route: '/posts/{id}/schedule', allowed: AUTHORS_UP, whose: 'their own post', setup: own('draft'), path: (f) => `/posts/${f.ownPost!.id}/schedule`, body: () => ({ publishedAt: '2030-01-01T09:00:00Z' }) },
  { method: 'POST', route: '/posts/{id}/send-back', allowed: EDITORS_UP, whose: 'their own post', setup: own('pending'), path: (f) => `/posts/${f.ownPost!.id}/send-back`, body: () => ({ note: 'Not yet' }) },

  { method: 'GET', route: '/categories', allowed: ALL, path: () => '/categories' },
  { method: 'POST', route: '/categories', allowed: EDITORS_UP, path: () => '/categories', body: () => ({ name: `Section ${Math.random().toString(36).slice(2, 8)}` }) },
  { method: 'PATCH', route: '/categories/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ categoryId: await kit.newCategory() }), path: (f) => `/categories/${f.categoryId}`, body: () => ({ description: 'Renamed' }) },
  { method: 'DELETE', route: '/categories/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ categoryId: await kit.newCategory() }), path: (f) => `/categories/${f.categoryId}` },
  { method: 'GET', route: '/tags', allowed: ALL, path: () => '/tags' },
  { method: 'POST', route: '/tags', allowed: ALL, path: () => '/tags', body: () => ({ name: `Person ${Math.random().toString(36).slice(2, 8)}`, kind: 'person' }) },
  { method: 'POST', route: '/tags', allowed: EDITORS_UP, whose: 'a tag with a description (public at once)', path: () => '/tags', body: () => ({ name: `Profile ${Math.random().toString(36).slice(2, 8)}`, description: 'About them' }) },
  { method: 'PATCH', route: '/tags/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ tagId: await kit.newTag() }), path: (f) => `/tags/${f.tagId}`, body: () => ({ description: 'Changed' }) },
  { method: 'DELETE', route: '/tags/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ tagId: await kit.newTag() }), path: (f) => `/tags/${f.tagId}` },
  // WordPress's rule: managing terms is an editor's, even for a tag the writer made themselves (tags record no creator).
  { method: 'PATCH', route: '/tags/{id}', allowed: EDITORS_UP, whose: 'a tag they created', setup: async (kit, role) => ({ tagId: await kit.newTagOf(role) }), path: (f) => `/tags/${f.tagId}`, body: () => ({ description: 'Changed' }) },
  { method: 'DELETE', route: '/tags/{id}', allowed: EDITORS_UP, whose: 'a tag they created', setup: async (kit, role) => ({ tagId: await kit.newTagOf(role) }), path: (f) => `/tags/${f.tagId}` },
  {
    method: 'POST',
    route: '/tags/{id}/merge',
    allowed: EDITORS_UP,
    whose: 'a tag they created',
    setup: async (kit, role) => ({ tagId: await kit.newTagOf(role), otherTagId: await kit.newTag() }),
    path: (f) => `/tags/${f.tagId}/merge`,
    body: (f) => ({ into: f.otherTagId }),
  },
  {
    method: 'POST',
    route: '/tags/{id}/merge',
    allowed: EDITORS_UP,
    setup: async (kit) => ({ tagId: await kit.newTag(), otherTagId: await kit.newTag() }),
    path: (f) => `/tags/${f.tagId}/merge`,
    body: (f) => ({ into: f.otherTagId }),
  },

  { method: 'GET', route: '/redirects', allowed: EDITORS_UP, path: () => '/redirects' },
  { method: 'POST', route: '/redirects', allowed: EDITORS_UP, path: () => '/redirects', body: () => ({ fromPath: `/old-${Math.random().toString(36).slice(2, 8)}/`, toPath: '/' }) },
  { method: 'PATCH', route: '/redirects/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ redirectId: await kit.newRedirect() }), path: (f) => `/redirects/${f.redirectId}`, body: () => ({ statusCode: 302 }) },
  { method: 'DELETE', route: '/redirects/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ redirectId: await kit.newRedirect() }), path: (f) => `/redirects/${f.redirectId}` },

  { method: 'GET', route: '/jobs', allowed: EDITORS_UP, path: () => '/jobs' },
  { method: 'GET', route: '/jobs/{id}', allowed: EDITORS_UP, setup: async (kit) => ({ jobId: await kit.newFailedJob() }), path: (f) => `/jobs/${f.jobId}` },
  { method: 'POST', route: '/jobs/{id}/retry', allowed: EDITORS_UP, setup: async (kit) => ({ jobId: await kit.newFailedJob() }), path: (f) => `/jobs/${f.jobId}/retry` },

  // Last: it ends the caller's sessions (the test signs in again afterwards).
  { method: 'DELETE', route: '/session', allowed: ALL, path: () => '/session' },
  { method: 'POST', route: '/session/sign-out-everywhere', allowed: ALL, path: () => '/session/sign-out-everywhere' },
];

const TABLES = ['posts', 'post_tags', 'post_authors', 'post_media', 'users', 'settings', 'media', 'categories', 'tags', 'post_revisions', 'preview_tokens', 'post_autosaves', 'account_tokens', 'redirects', 'jobs'];

for (const engine of ENGINES) {
  describe(`every role against every admin API endpoint (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let kit: Kit;
    let counter = 0;

    /** Everything a refused request might have changed, in a comparable form. */
    async function snapshot(): Promise<string> {
      const db = t.store.dialect.db as unknown as { selectFrom(table: string): { selectAll(): { execute(): Promise<unknown[]> } } };
      const parts: unknown[] = [];
      for (const table of TABLES) parts.push(await db.selectFrom(table).selectAll().execute());
      return JSON.stringify(parts);
    }

    async function signedIn(email: string): Promise<NewsroomClient> {
      const client = new NewsroomClient(server);
      assert.equal((await client.signIn(email, PASSWORD)).status, 201);
      return client;
    }

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      await createAccount(context, { email: 'owner@news.example', name: 'The Owner', role: 'administrator', password: PASSWORD });
      const userIds = {} as Record<Role, number>;
      for (const role of ROLES) userIds[role] = (await createAccount(context, { email: `${role}@news.example`, name: `The ${role}`, role, password: PASSWORD })).id;
      server = await startServer({ store: t.store, dataDir: t.dataDir, mailer: keepingMailer() });
      const owner = await signedIn('owner@news.example');
      const as = {} as Record<Role, NewsroomClient>;
      for (const role of ROLES) as[role] = await signedIn(`${role}@news.example`);
      kit = {
        owner,
        as,
        userIds,
        async newPost(client, status) {
          const created = await client.request('POST', '/posts', { title: `Post ${++counter}`, body: [paragraph('Text.')] });
          assert.equal(created.status, 201, JSON.stringify(created.body));
          let post = created.body.post;
          // The owner (an administrator) moves it along, whoever wrote it.
          if (status !== 'draft') post = (await owner.request('POST', `/posts/${post.id}/submit`, {})).body.post;
          if (status === 'published') post = (await owner.request('POST', `/posts/${post.id}/approve`, {})).body.post;
          return { id: post.id, revision: post.revision };
        },
        async newPage(role) {
          const created = await owner.request('POST', '/posts', { title: `Page ${++counter}`, kind: 'page', authorIds: [userIds[role]], body: [paragraph('Us.')] });
          assert.equal(created.status, 201, JSON.stringify(created.body));
          return { id: created.body.post.id, revision: created.body.post.revision };
        },
        async newMedia() {
          const form = new FormData();
          form.append('file', new Blob([new Uint8Array(PHOTO)]), 'photo.jpg');
          return (await owner.upload('/media', form)).body.media.id;
        },
        async newMediaOf(role) {
          const id = await this.newMedia();
          await t.store.dialect.db.updateTable('media').set({ uploaded_by: userIds[role] }).where('id', '=', id).execute();
          return id;
        },
        async newTagOf(role) {
          const answer = await as[role].request('POST', '/tags', { name: `Their tag ${++counter}` });
          assert.equal(answer.status, 201, JSON.stringify(answer.body));
          return answer.body.tag.id;
        },
        async newUser() {
          const answer = await owner.request('POST', '/users/invitations', { email: `person${++counter}@news.example`, name: `Person ${counter}`, role: 'author' });
          return answer.body.user.id;
        },
        async newCategory() {
          return (await owner.request('POST', '/categories', { name: `Section ${++counter}` })).body.category.id;
        },
        async newTag() {
          return (await owner.request('POST', '/tags', { name: `Tag ${++counter}` })).body.tag.id;
        },
        async newRedirect() {
          return (await owner.request('POST', '/redirects', { fromPath: `/moved-${++counter}/`, toPath: '/' })).body.redirect.id;
        },
        async newFailedJob() {
          const now = new Date().toISOString();
          const job = await t.store.jobs.enqueue({ kind: `test-${++counter}`, payload: {}, maxAttempts: 1, now });
          const claimed = await t.store.jobs.claim({ kinds: [job.kind], claimedBy: 'test', claimToken: `token-${counter}`, now, leaseUntil: now });
          await t.store.jobs.fail({ id: claimed!.id, claimToken: claimed!.claimToken, error: 'it broke', now });
          return job.id;
        },
      };
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('the table names every endpoint of the OpenAPI document', async () => {
      const document = await (await server.get('/api/admin/openapi.json')).json();
      const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path.replace('/api/admin', '')}`),
      );
      const covered = new Set([...PUBLIC, ...ROWS.map((row) => `${row.method} ${row.route}`)]);
      assert.deepEqual(documented.filter((endpoint) => !covered.has(endpoint)), [], 'endpoints without a row in the role table');
      assert.deepEqual([...covered].filter((endpoint) => !documented.includes(endpoint)), [], 'rows for endpoints that do not exist');
    });

    for (const row of ROWS) {
      test(`${row.method} ${row.route}${row.whose ? ` on ${row.whose}` : ''}: allowed for ${row.allowed.join(', ')}`, async () => {
        for (const role of ROLES) {
          const fixture = row.setup ? await row.setup(kit, role) : {};
          const client = kit.as[role];
          const before = await snapshot();
          let answer: ApiAnswer;
          if (row.upload) {
            const form = new FormData();
            form.append('file', new Blob([new Uint8Array(PHOTO)]), 'photo.jpg');
            answer = await client.upload(row.path(fixture), form);
          } else {
            answer = await client.request(row.method, row.path(fixture), row.body?.(fixture));
          }
          const context = `${role} ${row.method} ${row.path(fixture)} → ${answer.status} ${JSON.stringify(answer.body)}`;
          if (row.allowed.includes(role)) {
            assert.ok(answer.status >= 200 && answer.status < 300, `allowed: ${context}`);
          } else {
            assert.equal(answer.status, 403, `refused: ${context}`);
            assert.equal(answer.body.error.code, 'FORBIDDEN', context);
            assert.equal(await snapshot(), before, `a refused request changed nothing: ${context}`);
          }
          if (row.route.startsWith('/session') && row.method !== 'GET') kit.as[role] = await signedIn(`${role}@news.example`);
        }
      });
    }
  });
}
