import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, DomUtils } from 'htmlparser2';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import type { ImportReport } from '../../src/import/wordpress/import-report.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { readSettings } from '../../src/operations/read-settings.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { tempDir } from '../helpers/cli-process.js';
import { readExport, type ExportItem } from './fixture-counts.js';
import { writeUploads } from './fixture-uploads.js';
import { FIXTURE, fixtureText } from './wxr-fixture.js';

const exported = readExport(fixtureText());
const TABLES = ['posts', 'users', 'categories', 'tags', 'media', 'comments', 'redirects', 'post_tags', 'post_authors', 'post_media', 'post_revisions', 'import_items'] as const;

/** Every row of the tables an import writes, so two moments can be compared whole. */
async function snapshot(t: TestStore): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await t.store.dialect.db.selectFrom(table).selectAll().execute();
    tables[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return tables;
}

const published = (type: string) => exported.items.filter((i) => i.type === type && i.status === 'publish');
const decodedSlug = (slug: string) => decodeURIComponent(slug).toLowerCase();

function runImport(t: TestStore, uploadsDir: string | undefined, file = FIXTURE): Promise<ImportReport> {
  const images = createSharpIngest({ mediaDir: join(t.dataDir, 'media') });
  return importWordPress({ store: t.store, clock: testClock(), images }, { file, uploadsDir, mediaDir: join(t.dataDir, 'media') });
}

/** GET a path; a 301 is followed once, on this server, and what it leads to is returned with it. */
async function answer(server: RunningServer, path: string): Promise<{ status: number; finalStatus: number; location?: string }> {
  const first = await server.get(path);
  if (first.status !== 301) return { status: first.status, finalStatus: first.status };
  const location = first.headers.get('location')!;
  const next = new URL(location, TEST_SITE_URL);
  const second = await server.get(next.pathname + next.search);
  return { status: 301, finalStatus: second.status, location };
}

const pathOf = (link: string) => {
  const url = new URL(link);
  return url.pathname + url.search;
};

for (const engine of ENGINES) {
  describe(`importing the WordPress theme unit test export (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let report: ImportReport;
    let uploads: string;
    let pictures: string[];

    before(async () => {
      t = await createTestStore(engine);
      uploads = tempDir();
      pictures = await writeUploads(uploads, exported.items);
      report = await runImport(t, uploads);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('every published post and page, category, tag, author, picture and approved comment arrived', async () => {
      const db = t.store.dialect.db;
      const count = async (table: 'posts' | 'comments', where: Record<string, string>) => {
        let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
        for (const [column, value] of Object.entries(where)) query = query.where(column as never, '=', value as never);
        return Number((await query.executeTakeFirstOrThrow()).n);
      };
      assert.ok(published('post').length > 30, 'the export has its published posts');
      assert.equal(await count('posts', { kind: 'article', status: 'published' }), published('post').length);
      assert.equal(await count('posts', { kind: 'page', status: 'published' }), published('page').length);
      for (const item of [...published('post'), ...published('page')]) {
        const row = await db.selectFrom('posts').select(['title']).where('slug', '=', decodedSlug(item.slug)).executeTakeFirst();
        assert.ok(row, `“${item.title}” (${item.slug}) is stored under its slug`);
      }
      for (const slug of exported.categories) assert.ok(await t.store.categories.findBySlug(decodedSlug(slug)), `category ${slug}`);
      for (const slug of exported.tags) assert.ok(await t.store.tags.findBySlug(decodedSlug(slug)), `tag ${slug}`);
      const users = await db.selectFrom('users').select(['slug', 'status', 'password_hash']).execute();
      assert.deepEqual(users.map((u) => u.slug).sort(), [...exported.authors].sort());
      assert.ok(users.every((u) => u.status === 'invited' && u.password_hash === null), 'authors must be invited before they can sign in');
      const media = await db.selectFrom('media').select(['original_name']).execute();
      assert.equal(media.length, pictures.length);
      const importedPosts = exported.items.filter((i) => (i.type === 'post' || i.type === 'page') && i.status !== 'trash');
      const approved = importedPosts.reduce((sum, i) => sum + i.approvedComments, 0);
      assert.ok(approved > 0);
      assert.equal(await count('comments', { status: 'approved' }), approved);
      assert.equal(report.counts.post.failed + report.counts.page.failed + report.counts.attachment.failed, 0, JSON.stringify(report.items.filter((i) => i.outcome === 'failed')));
    });

    test('a [caption] picture keeps its caption, on the page too', async () => {
      const item = published('post').find((i) => /\[caption[^\]]*\]\s*<img/.test(i.content))!;
      assert.ok(item, 'the export has a captioned picture');
      const caption = /\[caption[^\]]*\]\s*<img[^>]*>\s*([^[]+)\[\/caption\]/.exec(item.content)![1]!.replace(/<[^>]+>/g, '').trim();
      const post = await t.store.posts.findPublishedDocument(decodedSlug(item.slug), testClock().now().toISOString());
      const images = post!.body.filter((b) => b.type === 'image');
      assert.ok(images.some((b) => b.type === 'image' && b.caption?.includes(caption.slice(0, 30))), `a picture of “${item.title}” has the caption “${caption}”`);
      const html = await (await server.get(`/${encodeURIComponent(decodedSlug(item.slug))}/`)).text();
      const captions = DomUtils.findAll((e) => e.name === 'figcaption', parseDocument(html).children).map((e) => DomUtils.textContent(e));
      assert.ok(captions.some((c) => c.includes(caption.slice(0, 30))), 'the page shows the caption under the picture');
    });

    test('the scheduled and the draft post are not public, by any of their addresses', async () => {
      const hidden = exported.items.filter((i) => i.type === 'post' && (i.status === 'future' || i.status === 'draft'));
      assert.equal(hidden.length, 2);
      for (const item of hidden) {
        const result = await answer(server, pathOf(item.link));
        assert.equal(result.finalStatus, 404, `${item.status} “${item.title}” at ${item.link}`);
        assert.equal((await answer(server, `/?p=${item.id}`)).finalStatus, 404);
        const row = await t.store.dialect.db.selectFrom('posts').select(['status']).where('title', '=', item.title).executeTakeFirst();
        assert.equal(row?.status, item.status === 'future' ? 'scheduled' : 'draft');
      }
      const feed = await (await server.get('/feed/')).text();
      for (const item of hidden) assert.ok(!feed.includes(`<title>${item.title}</title>`), `${item.title} is not in the feed`);
    });

    test('every <link> in the file answers 200, or 301 to a page that answers 200', async () => {
      const visible = (i: ExportItem) => i.type !== 'nav_menu_item' && !['draft', 'future', 'trash', 'private', 'pending'].includes(i.status);
      const links = [exported.items.filter(visible).map((i) => i.link), 'https://wpthemetestdata.wordpress.com'].flat();
      assert.ok(links.length > 100);
      const broken: string[] = [];
      for (const link of links) {
        const result = await answer(server, pathOf(link) || '/');
        if (result.finalStatus !== 200) broken.push(`${link} → ${result.status}${result.location ? ` → ${result.location} → ${result.finalStatus}` : ''}`);
      }
      assert.deepEqual(broken, []);
      assert.equal((await answer(server, `/?p=${published('post')[0]!.id}`)).finalStatus, 200, 'the plain ?p= form of a post');
      assert.equal((await answer(server, `/?page_id=${published('page')[0]!.id}`)).finalStatus, 200, 'the plain ?page_id= form of a page');
    });

    test('the main menu becomes the header menu, and each of its links works', async () => {
      const { navigation } = await readSettings(t.store);
      assert.ok(navigation.length > 0 && navigation.length <= 12, JSON.stringify(navigation));
      assert.equal(report.counts.menu.created, navigation.length);
      const html = await (await server.get('/')).text();
      const header = DomUtils.findOne((e) => e.name === 'header', parseDocument(html).children)!;
      const shown = DomUtils.findAll((e) => e.name === 'a', header.children).map((a) => DomUtils.textContent(a).trim());
      for (const item of navigation) {
        assert.ok(shown.includes(item.label), `the header shows “${item.label}”`);
        if (!item.url.startsWith('/')) continue;
        assert.equal((await answer(server, item.url)).finalStatus, 200, `${item.label} → ${item.url}`);
      }
    });

    test('the password-protected post stays protected', async () => {
      const item = published('post').find((i) => i.password !== '')!;
      const html = await (await server.get(`/${decodedSlug(item.slug)}/`)).text();
      const document = parseDocument(html);
      assert.ok(DomUtils.findOne((e) => e.name === 'input' && e.attribs.type === 'password', document.children), 'a password field');
      const words = item.content.replace(/<[^>]+>/g, ' ').trim().split(/\s+/).slice(0, 8).join(' ');
      assert.ok(words.length > 10 && !DomUtils.textContent(document).includes(words), 'the content is not on the page');
    });

    test('a second import of the same file changes nothing', async () => {
      const before = await snapshot(t);
      const again = await runImport(t, uploads);
      for (const [type, outcomes] of Object.entries(again.counts)) {
        assert.equal(outcomes.created + outcomes.updated, 0, `${type}: ${JSON.stringify(outcomes)}`);
      }
      assert.ok(again.counts.post.unchanged >= published('post').length);
      assert.deepEqual(await snapshot(t), before);
    });
  });
}

for (const engine of ENGINES) {
  describe(`an import that cannot finish leaves the store as it was (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    before(async () => {
      t = await createTestStore(engine);
    });
    after(() => t?.cleanup());

    test('a file cut short fails with its line, writes nothing and leaves no picture files', async () => {
      const uploads = tempDir();
      await writeUploads(uploads, exported.items);
      const text = fixtureText();
      const cut = join(tempDir(), 'cut.xml');
      writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.8)));
      const before = await snapshot(t);
      await assert.rejects(runImport(t, uploads, cut), (error: Error) => {
        assert.match(error.message, /^cut\.xml:\d+: /);
        return true;
      });
      assert.deepEqual(await snapshot(t), before);
      const mediaDir = join(t.dataDir, 'media');
      const files = existsSync(mediaDir) ? readdirSync(mediaDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
      assert.deepEqual(files.map((f) => f.name), []);
    });

    test('a file that is not a WordPress export is refused with the reason', async () => {
      const feed = join(tempDir(), 'feed.xml');
      writeFileSync(feed, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title><item><title>x</title></item></channel></rss>\n');
      const before = await snapshot(t);
      await assert.rejects(runImport(t, undefined, feed), /feed\.xml:\d+: .*WordPress export/);
      assert.deepEqual(await snapshot(t), before);
      await assert.rejects(runImport(t, undefined, join(tempDir(), 'missing.xml')), /There is no file at/);
    });
  });
}

for (const engine of ENGINES) {
  describe(`importing again with the pictures that were missing (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    before(async () => {
      t = await createTestStore(engine);
    });
    after(() => t?.cleanup());

    test('a first run without --uploads leaves pictures out; a second with them puts them in, and a third changes nothing', async () => {
      const imagesOf = async () => {
        const row = await t.store.dialect.db.selectFrom('posts').select(['body']).where('title', '=', 'Markup: Image Alignment').executeTakeFirstOrThrow();
        const body = (typeof row.body === 'string' ? JSON.parse(row.body) : row.body) as Array<{ type: string }>;
        return body.filter((b) => b.type === 'image').length;
      };
      const first = await runImport(t, undefined);
      assert.equal(first.counts.attachment.created, 0);
      assert.equal(await imagesOf(), 0);
      const uploads = tempDir();
      await writeUploads(uploads, exported.items);
      const second = await runImport(t, uploads);
      assert.ok(second.counts.attachment.created > 30);
      assert.ok(second.counts.post.updated > 0, 'posts showing pictures are written again');
      assert.ok(await imagesOf() > 0, 'the pictures are in the story now');
      const before = await snapshot(t);
      const third = await runImport(t, uploads);
      assert.equal(third.counts.post.updated + third.counts.post.created + third.counts.attachment.created, 0);
      assert.deepEqual(await snapshot(t), before);
    });
  });
}
