import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestStore, POSTGRES_URL, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, testClock } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { startWireCounter, type WireCounter } from '../helpers/pg-wire-counter.js';
import { openStore } from '../../src/store/open-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { updateSettings } from '../../src/operations/settings.js';

const REFERENCE = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';

/** The pages a reader asks for most, each of which should cost the database one round trip. */
const PAGES = {
  article: `/${REFERENCE}/`,
  'AMP article': `/${REFERENCE}/amp/`,
  home: '/',
  'category archive': '/category/celebrity/',
  'tag archive (with its picture)': '/tag/kanye-west/',
};

/** Seeds a site with the reference article (pictures, tags), stories around it, and the mobile version on. */
async function seedSite(t: TestStore): Promise<void> {
  await seedReference(t.store, t.dataDir);
  const basics = await createBasics(t.store);
  await createArticles(t.store, basics, { count: 30 });
  // Stories in the reference article's own section, shown under it as related.
  const { rows } = await sql<{ id: number }>`SELECT category_id AS id FROM posts WHERE slug = ${REFERENCE}`.execute(t.store.dialect.db);
  await createArticles(t.store, basics, { count: 6, prefix: 'section', categoryId: Number(rows[0]!.id) });
  await updateSettings({ store: t.store, clock: testClock() }, { ampEnabled: true });
}

/**
 * What a page cost, asked three times after a first request that warms the
 * pool and prepares the statements: the fewest of the three, so a background
 * reload that happens to fall inside one request is not billed to the page.
 */
async function fewest<T>(server: RunningServer, path: string, seen: () => T[]): Promise<T[]> {
  const tries: T[][] = [];
  for (let i = 0; i < 4; i++) {
    const before = seen().length;
    const response = await server.get(path);
    await response.arrayBuffer();
    assert.equal(response.status, 200, path);
    if (i > 0) tries.push(seen().slice(before));
  }
  return tries.reduce((a, b) => (b.length < a.length ? b : a));
}

describe('round trips per page (postgres)', { skip: await skipUnless('postgres') }, () => {
  let t: TestStore;
  let counter: WireCounter;
  let store: SqlStore;
  let server: RunningServer;

  before(async () => {
    t = await createTestStore('postgres');
    await seedSite(t);
    // The server's store talks to PostgreSQL through the counter; the seeding above did not.
    counter = await startWireCounter(POSTGRES_URL);
    assert.equal(t.location.engine, 'postgres');
    store = await openStore({ engine: 'postgres', url: counter.url, schema: t.location.engine === 'postgres' ? t.location.schema : undefined }, { shouldMigrate: false });
    // The store's side of a page: the response cache in front would answer repeats without it.
    server = await startServer({ store, dataDir: t.dataDir, env: { CACHE_MAX_MB: '0' } });
  });
  after(async () => {
    await server?.close();
    await store?.close();
    await counter?.close();
    await t?.cleanup();
  });

  for (const [name, path] of Object.entries(PAGES)) {
    test(`the ${name} is one round trip, a prepared statement, no transaction`, async () => {
      const trips = await fewest(server, path, () => counter.roundTrips);
      assert.equal(trips.length, 1, `${trips.length} round trips for ${path}:\n${trips.map((trip) => trip.what).join('\n')}`);
      // After the first time on a connection, the page's statement is only bound and run by name.
      assert.match(trips[0]!.what, /^EXECUTE m:page:/);
    });
  }

  test('an article read again is not sent again while its row is unchanged, and is the moment the row changes', async () => {
    const read = async () => {
      const before = counter.bytesFromServer();
      const response = await server.get(PAGES.article);
      assert.equal(response.status, 200);
      const html = await response.text();
      return { html, bytes: counter.bytesFromServer() - before };
    };
    const marker = `Revised by another instance ${Date.now()}`;
    const warm = await read();
    assert.doesNotMatch(warm.html, new RegExp(marker));
    // Written behind this process's back, as another instance or a re-render job would.
    await sql`UPDATE posts SET article_html = article_html || ${`<p>${marker}</p>`} WHERE slug = ${REFERENCE}`.execute(t.store.dialect.db);
    const { rows } = await sql<{ n: number }>`SELECT octet_length(article_html) AS n FROM posts WHERE slug = ${REFERENCE}`.execute(t.store.dialect.db);
    const articleBytes = Number(rows[0]!.n);

    const changed = await read();
    assert.match(changed.html, new RegExp(marker), 'the page shows the row as it is now, never the bytes held');
    const again = await read();
    assert.equal(again.html, changed.html);
    // The changed row's fragments crossed the network once; read again, only "unchanged" did.
    assert.ok(again.bytes + articleBytes <= changed.bytes, `read again: ${again.bytes} B; after the change: ${changed.bytes} B; the body alone is ${articleBytes} B`);
    assert.ok(warm.bytes + articleBytes <= changed.bytes, `read warm: ${warm.bytes} B; after the change: ${changed.bytes} B`);
  });

  test('the tag archive still shows its picture, read in the same statement', async () => {
    const html = await (await server.get(PAGES['tag archive (with its picture)'])).text();
    assert.match(html, /<meta property="og:image" content="[^"]*\/media\//);
  });
});

describe('statements per page (sqlite)', () => {
  let t: TestStore;
  let server: RunningServer;
  const statements: string[] = [];

  before(async () => {
    t = await createTestStore('sqlite', { onQuery: (sql) => statements.push(sql) });
    await seedSite(t);
    server = await startServer({ store: t.store, dataDir: t.dataDir, env: { CACHE_MAX_MB: '0' } });
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  for (const [name, path] of Object.entries(PAGES)) {
    test(`the ${name} is one statement`, async () => {
      const run = await fewest(server, path, () => statements);
      assert.equal(run.length, 1, `${run.length} statements for ${path}:\n${run.join('\n')}`);
    });
  }
});
