import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { startLoggedServer } from '../helpers/attack-server.js';
import { NewsroomClient } from '../helpers/newsroom-client.js';

/**
 * Found by the fuzz suite on PostgreSQL: an id past a 32-bit integer
 * (`/wp-json/wp/v2/categories/2147483648`, `DELETE /api/admin/tags/2147483648`)
 * or written as a float (`/api/admin/posts/1e30/revisions`) reached the
 * database, which refused it: `value "2147483648" is out of range for type
 * integer`, `invalid input syntax for type integer: "1e+30"`, a 500. No row
 * has such an id: each is a 404 (or a 4xx naming the field), on both engines.
 * Ids in bodies (`categoryId`, `featuredMediaId`, `tagIds`) did the same.
 *
 * Known failure on PostgreSQL when written: the fix belongs to the id schemas
 * (admin API params and bodies) and /wp-json/'s id parsing, which other work owns.
 */
const TOO_LARGE = ['2147483648', '99999999999999999999', '1e30'];
const WP = ['posts', 'pages', 'categories', 'tags', 'users', 'media', 'comments'];
const ADMIN: Array<[string, string, unknown?]> = [
  ['GET', '/posts/{id}'],
  ['PUT', '/posts/{id}', { revision: 1, title: 'x' }],
  ['GET', '/posts/{id}/revisions'],
  ['GET', '/posts/1/revisions/{id}/diff'],
  ['POST', '/posts/{id}/submit', {}],
  ['PATCH', '/media/{id}', { alt: 'x' }],
  ['GET', '/media/{id}/usage'],
  ['PATCH', '/tags/{id}', { description: 'x' }],
  ['DELETE', '/tags/{id}'],
  ['POST', '/tags/{id}/merge', { into: 1 }],
  ['PATCH', '/categories/{id}', { description: 'x' }],
  ['DELETE', '/categories/{id}'],
  ['PATCH', '/redirects/{id}', { statusCode: 302 }],
  ['DELETE', '/redirects/{id}'],
  ['PUT', '/users/{id}/role', { role: 'editor' }],
  // The same ids inside a body.
  ['POST', '/posts', { title: 'x', categoryId: '{id}' }],
  ['POST', '/posts', { title: 'x', featuredMediaId: '{id}' }],
  ['POST', '/posts', { title: 'x', tagIds: ['{id}'] }],
  ['POST', '/redirects', { fromPath: '/from-{id}/', postId: '{id}' }],
];

/** `'{id}'` in a body stands for the id as a JSON number. */
function withId(body: unknown, id: string): unknown {
  return body === undefined ? undefined : JSON.parse(JSON.stringify(body).replaceAll('"{id}"', id).replaceAll('{id}', id));
}

for (const engine of ENGINES) {
  describe(`ids no row can have (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: Awaited<ReturnType<typeof startLoggedServer>>;
    let admin: NewsroomClient;
    before(async () => {
      t = await createTestStore(engine);
      await createAccount({ store: t.store, clock: testClock() }, { email: 'admin@news.example', name: 'Admin', role: 'administrator', password: 'a long enough passphrase' });
      server = await startLoggedServer({ store: t.store, dataDir: t.dataDir });
      admin = new NewsroomClient(server);
      assert.equal((await admin.signIn('admin@news.example', 'a long enough passphrase')).status, 201);
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('in /wp-json/ are a 404', async () => {
      const answers = [];
      for (const id of TOO_LARGE) for (const kind of WP) answers.push(`/wp-json/wp/v2/${kind}/${id} ${(await server.get(`/wp-json/wp/v2/${kind}/${id}`)).status}`);
      assert.deepEqual(answers.filter((line) => !/ 4\d\d$/.test(line)), []);
    });

    test("in WordPress's old addresses (/?p=, /?cat=…) are a 404 with nothing logged", async () => {
      const answers = [];
      const logged = server.logs.length;
      for (const id of TOO_LARGE) {
        for (const name of ['p', 'page_id', 'attachment_id', 'cat', 'author', 'tag_id']) answers.push(`/?${name}=${id} ${(await server.get(`/?${name}=${id}`)).status}`);
      }
      assert.deepEqual(answers.filter((line) => !/ (404|301|200)$/.test(line)), []);
      assert.deepEqual(server.logs.slice(logged).filter((line) => line.level >= 40).map((line) => line.err?.message ?? line.msg), []);
    });

    test('in the admin API are a 4xx', async () => {
      const answers = [];
      for (const id of TOO_LARGE) {
        for (const [method, path, body] of ADMIN) {
          const url = path.replace('{id}', id);
          answers.push(`${method} ${url} ${JSON.stringify(withId(body, id)) ?? ''} ${(await admin.request(method, url, withId(body, id))).status}`);
        }
      }
      assert.deepEqual(answers.filter((line) => !/ 4\d\d$/.test(line)), []);
      assert.deepEqual(server.logs.filter((line) => line.level >= 50).map((line) => line.err?.message), []);
    });
  });
}
