import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, testClock, TEST_NOW, type Basics } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { paragraphs } from '../../src/content/body.js';
import { DEFAULT_SETTINGS } from '../../src/content/types.js';
import { fixedClock } from '../../src/lib/clock.js';
import { AppError } from '../../src/lib/errors.js';
import { createPost } from '../../src/operations/create-post.js';
import { createCategory, createTag, createUser } from '../../src/operations/create-terms.js';
import { createRenderSite } from '../../src/render/render-site.js';
import { sitemapRoutes } from '../../src/site/sitemaps/routes.js';
import { newsLanguage } from '../../src/site/sitemaps/news-sitemap-xml.js';
import {
  archivesQuery,
  lastmodsQuery,
  newsQuery,
  pagesQuery,
  postFileQuery,
  postFilesQuery,
  postImagesQuery,
} from '../../src/store/queries/sitemaps.js';

const XSD = join(import.meta.dirname, '../../../shared/fixtures/xsd');
/** sitemap.xsd accepts other namespaces only through a strict wildcard; this adds the image and news schemas to it. */
const WITH_EXTENSIONS_XSD = join(import.meta.dirname, '../fixtures/schemas/sitemap-with-extensions.xsd');
const HOUR = 3_600_000;
const NOW_MS = Date.parse(TEST_NOW);

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  isArray: (name) => ['url', 'sitemap', 'image:image'].includes(name),
});

interface UrlNode {
  loc: string;
  lastmod?: string;
  'image:image'?: Array<Record<string, string>>;
  'news:news'?: {
    'news:publication': { 'news:name': string; 'news:language': string };
    'news:publication_date': string;
    'news:title': string;
  };
}

/** Runs xmllint against the sitemaps.org schema (with the extension schemas when the file uses them). */
function assertSchemaValid(xml: string, label: string): void {
  const isIndex = xml.includes('<sitemapindex');
  const hasExtensions = /xmlns:(image|news)=/.test(xml);
  const schema = isIndex ? join(XSD, 'siteindex.xsd') : hasExtensions ? WITH_EXTENSIONS_XSD : join(XSD, 'sitemap.xsd');
  const dir = mkdtempSync(join(tmpdir(), 'masthead-sitemap-'));
  const file = join(dir, 'sitemap.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { stdio: 'pipe' });
  } catch (error) {
    assert.fail(`${label} fails its schema:\n${(error as { stderr?: Buffer }).stderr?.toString() ?? error}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Get = (path: string) => Promise<{ status: number; headers: Record<string, unknown>; body: string }>;

/** A GET through the real server's port. */
const overHttp =
  (server: () => RunningServer): Get =>
  async (path) => {
    const response = await server().get(path);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { status: response.status, headers, body: await response.text() };
  };

async function readSitemap(get: Get, path: string) {
  const response = await get(path);
  assert.equal(response.status, 200, path);
  assert.equal(XMLValidator.validate(response.body), true, `${path} is not well-formed XML`);
  const doc = parser.parse(response.body);
  const urls: UrlNode[] = doc.urlset?.url ?? [];
  const sitemaps: Array<{ loc: string; lastmod?: string }> = doc.sitemapindex?.sitemap ?? [];
  return { xml: response.body, urls, sitemaps, response };
}

const pathOf = (loc: string) => new URL(loc).pathname;
const newest = (times: Array<string | undefined>) => times.filter((t): t is string => Boolean(t)).sort().at(-1);

for (const engine of ENGINES) {
  describe(`sitemaps on the site (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    const queries: string[] = [];
    const get = overHttp(() => server);
    /** Slugs of the public, indexable articles: what the article sitemaps must hold, no more and no less. */
    const indexable = new Set<string>();
    const recent = new Set<string>();
    const hidden: string[] = [];
    const oldClock = fixedClock(new Date(NOW_MS - 72 * HOUR).toISOString());

    before(async () => {
      t = await createTestStore(engine, { onQuery: (text) => queries.push(text) });
      const clock = testClock();
      const context = { store: t.store, clock };
      const reference = await seedReference(t.store, t.dataDir);
      basics = await createBasics(t.store);
      for (const post of [reference, ...(await createArticles(t.store, basics, { count: 5 }))]) {
        indexable.add(post.slug);
        recent.add(post.slug);
      }
      // Three days old: in the article sitemaps, not in the news sitemap.
      const oldSection = await createCategory(context, { name: 'Archive section' });
      for (const post of await createArticles(t.store, basics, { count: 3, prefix: 'Old', categoryId: oldSection.id, clock: oldClock })) {
        indexable.add(post.slug);
      }
      // Either side of the news sitemap's two days.
      for (const hours of [47, 49]) {
        const post = await createPost(context, {
          status: 'published',
          title: `${hours} hours ago`,
          body: paragraphs(['Text.']),
          authorIds: [basics.authorId],
          publishedAt: new Date(NOW_MS - hours * HOUR).toISOString(),
        });
        indexable.add(post.slug);
        if (hours < 48) recent.add(post.slug);
      }
      const secretTag = await createTag(context, { name: 'Secret tag' });
      const futureSection = await createCategory(context, { name: 'Future section' });
      const idle = await createUser(context, { name: 'Idle Writer', slug: 'idle' });
      const hiddenAuthor = await createUser(context, { name: 'Hidden Writer', slug: 'hidden-writer' });
      await createCategory(context, { name: 'Empty section' });
      const base = { body: paragraphs(['Text.']), authorIds: [basics.authorId], categoryId: basics.categoryId, tagIds: [basics.tagId] };
      const unlisted = [
        await createPost(context, { ...base, status: 'draft', title: 'Draft scoop', tagIds: [secretTag.id], authorIds: [idle.id] }),
        await createPost(context, { ...base, status: 'pending', title: 'Pending scoop', tagIds: [secretTag.id] }),
        await createPost(context, {
          ...base,
          status: 'scheduled',
          title: 'Scheduled scoop',
          categoryId: futureSection.id,
          tagIds: [secretTag.id],
          publishedAt: new Date(NOW_MS + 2 * HOUR).toISOString(),
        }),
        await createPost(context, {
          ...base,
          status: 'published',
          title: 'Noindex scoop',
          seo: { isNoindex: true },
          authorIds: [hiddenAuthor.id],
          tagIds: [secretTag.id],
          publishedAt: new Date(NOW_MS - 30 * 60_000).toISOString(),
        }),
        await createPost(context, { ...base, kind: 'page', status: 'published', title: 'Thanks for subscribing', seo: { isNoindex: true } }),
        await createPost(context, { ...base, kind: 'page', status: 'draft', title: 'Draft page' }),
      ];
      hidden.push(...unlisted.map((post) => post.slug));
      await createPost(context, { ...base, kind: 'page', status: 'published', title: 'About us', publishedAt: '2026-01-01T00:00:00Z' });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('/sitemap.xml is a sitemap index, valid against siteindex.xsd, naming every child with its newest lastmod', async () => {
      const { xml, sitemaps, response } = await readSitemap(get, '/sitemap.xml');
      assert.equal(response.headers['content-type'], 'application/xml; charset=utf-8');
      assert.match(String(response.headers['cache-control']), /^public, max-age=60(, |$)/);
      assertSchemaValid(xml, '/sitemap.xml');
      assert.deepEqual(
        sitemaps.map((s) => s.loc),
        ['/sitemap-posts-1.xml', '/sitemap-pages.xml', '/sitemap-categories.xml', '/sitemap-tags.xml', '/sitemap-authors.xml'].map((p) => TEST_SITE_URL + p),
      );
      for (const child of sitemaps) {
        const { urls } = await readSitemap(get, pathOf(child.loc));
        assert.ok(urls.length > 0, `${child.loc} is listed but empty`);
        assert.equal(child.lastmod, newest(urls.map((u) => u.lastmod)), `${child.loc}: the index's lastmod is the newest in the file`);
      }
    });

    test('every sitemap passes the sitemaps.org schema (image and news extensions included)', async () => {
      const { sitemaps } = await readSitemap(get, '/sitemap.xml');
      for (const path of [...sitemaps.map((s) => pathOf(s.loc)), '/news-sitemap.xml']) {
        const { xml } = await readSitemap(get, path);
        assertSchemaValid(xml, path);
      }
    });

    test('the article sitemap lists every public, indexable article once, and nothing unpublished, future, noindex or a page', async () => {
      const { urls } = await readSitemap(get, '/sitemap-posts-1.xml');
      const slugs = urls.map((u) => pathOf(u.loc).slice(1, -1));
      assert.equal(new Set(slugs).size, slugs.length, 'no article twice');
      assert.deepEqual(new Set(slugs), indexable);
      for (const url of urls) assert.match(url.lastmod ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });

    test('nothing unpublished, future or noindex appears in any sitemap', async () => {
      const { sitemaps } = await readSitemap(get, '/sitemap.xml');
      for (const path of [...sitemaps.map((s) => pathOf(s.loc)), '/news-sitemap.xml']) {
        const { xml } = await readSitemap(get, path);
        for (const slug of [...hidden, 'secret-tag', 'future-section', 'idle', 'hidden-writer']) {
          assert.ok(!xml.includes(`/${slug}/`), `${path} names ${slug}`);
        }
      }
    });

    test('articles are listed oldest first, so a file keeps its URLs as new stories arrive', async () => {
      const { urls } = await readSitemap(get, '/sitemap-posts-1.xml');
      const slugs = urls.map((u) => pathOf(u.loc).slice(1, -1));
      assert.deepEqual(slugs.slice(0, 3), ['old-number-3', 'old-number-2', 'old-number-1']);
      assert.equal(slugs.at(-1), 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west');
    });

    test('the reference article lists its pictures: largest JPEG, absolute, with caption and "photographer / agency" credit', async () => {
      const { urls } = await readSitemap(get, '/sitemap-posts-1.xml');
      const reference = urls.find((u) => u.loc.endsWith('/john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west/'));
      const images = reference?.['image:image'] ?? [];
      assert.equal(images.length, 3);
      for (const image of images) {
        assert.match(image['image:loc']!, /^https:\/\/news\.example\/media\/.+-1200\.jpg$/);
        const file = await server.get(pathOf(image['image:loc']!));
        assert.equal(file.status, 200, `${image['image:loc']} is served`);
        assert.equal(file.headers.get('content-type'), 'image/jpeg');
      }
      assert.ok(images.some((i) => i['image:caption'] === 'John Legend Reveals How Politics Ruined His Friendship With Kanye West'));
      assert.deepEqual(
        images.map((i) => i['image:title']).filter(Boolean),
        ['DFree / Shutterstock.com', 'Liam Goodner / Shutterstock.com'],
      );
      const others = urls.filter((u) => u !== reference);
      assert.ok(others.every((u) => !u['image:image']), 'stories without pictures list none');
    });

    test('an article file is two queries however many articles it holds: its URLs, then their pictures', async () => {
      // Addresses of their own, so the response cache has not kept them: rendered, each is two queries.
      queries.length = 0;
      await readSitemap(get, '/sitemap-posts-1.xml?rendered=1');
      assert.equal(queries.length, 2, queries.join('\n'));
      queries.length = 0;
      await readSitemap(get, '/sitemap.xml?rendered=1');
      assert.equal(queries.length, 2, queries.join('\n'));
    });

    test('a file number past the last, or not a number as written, is a 404', async () => {
      assert.equal((await server.get('/sitemap-posts-2.xml')).status, 404);
      assert.equal((await server.get('/sitemap-posts-0.xml')).status, 404);
      assert.equal((await server.get('/sitemap-posts-01.xml')).status, 404);
    });

    test('the pages sitemap holds the home page and the indexable pages', async () => {
      const { urls } = await readSitemap(get, '/sitemap-pages.xml');
      assert.deepEqual(
        urls.map((u) => u.loc),
        [`${TEST_SITE_URL}/`, `${TEST_SITE_URL}/about-us/`],
      );
      assert.ok(urls[0]!.lastmod, 'the home page has a lastmod');
    });

    test('categories, tags and authors are listed only when they have a public, indexable article', async () => {
      const slugsIn = async (path: string) => (await readSitemap(get, path)).urls.map((u) => pathOf(u.loc));
      assert.deepEqual(await slugsIn('/sitemap-categories.xml'), ['/category/archive-section/', '/category/celebrity/', '/category/showbiz/']);
      const tags = await slugsIn('/sitemap-tags.xml');
      assert.ok(tags.includes('/tag/politics-2/'), tags.join());
      assert.ok(!tags.includes('/tag/kanye-west-2/'), 'a tag on no article is left out');
      assert.deepEqual(await slugsIn('/sitemap-authors.xml'), ['/author/ada/', '/author/staff/']);
      for (const path of [...tags, '/category/archive-section/', '/author/ada/']) {
        assert.equal((await server.get(path)).status, 200, `${path} is a page`);
      }
    });

    test('an archive’s lastmod is its newest article’s update time', async () => {
      const { urls } = await readSitemap(get, '/sitemap-categories.xml');
      const old = urls.find((u) => u.loc.endsWith('/category/archive-section/'));
      assert.equal(old?.lastmod, oldClock.now().toISOString().replace('.000Z', 'Z'));
    });

    test('the news sitemap lists the last 48 hours of indexable articles, newest first, with Google’s required tags', async () => {
      const { urls } = await readSitemap(get, '/news-sitemap.xml');
      const title = server.app.site.current.settings.title;
      assert.deepEqual(new Set(urls.map((u) => pathOf(u.loc).slice(1, -1))), recent);
      const dates = urls.map((u) => Date.parse(u['news:news']!['news:publication_date']));
      assert.deepEqual(dates, [...dates].sort((a, b) => b - a), 'newest first');
      for (const url of urls) {
        const news = url['news:news'];
        assert.ok(news, `${url.loc} has <news:news>`);
        assert.equal(news['news:publication']['news:name'], title);
        assert.equal(news['news:publication']['news:language'], 'en');
        assert.match(news['news:publication_date'], /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        const age = NOW_MS - Date.parse(news['news:publication_date']);
        assert.ok(age >= 0 && age <= 48 * HOUR, `${url.loc} is ${age / HOUR} hours old`);
        assert.ok(news['news:title'].trim().length > 0);
      }
    });

    test('robots.txt names both sitemaps by absolute URL and keeps crawlers out of admin and search', async () => {
      const text = await (await server.get('/robots.txt')).text();
      assert.match(text, /^Sitemap: https:\/\/news\.example\/sitemap\.xml$/m);
      assert.match(text, /^Sitemap: https:\/\/news\.example\/news-sitemap\.xml$/m);
      assert.match(text, /^Disallow: \/admin\/$/m);
      assert.match(text, /^Disallow: \/api\/$/m);
      assert.match(text, /^Disallow: \/\?s=$/m);
    });
  });

  describe(`article sitemaps split into files (${engine})`, { skip: await skipUnless(engine) }, () => {
    const PER_FILE = 3;
    let t: TestStore;
    let app: FastifyInstance;
    let basics: Basics;
    const get: Get = async (path) => {
      const response = await app.inject({ method: 'GET', url: path });
      return { status: response.statusCode, headers: { ...response.headers }, body: response.body };
    };
    const articleSlugs = new Set<string>();

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      for (const post of await createArticles(t.store, basics, { count: 8 })) articleSlugs.add(post.slug);
      // The three oldest are noindex: they fill file 1, which then lists nothing.
      for (const day of [15, 16, 17]) {
        await createPost(
          { store: t.store, clock: testClock() },
          { status: 'published', title: `Noindex ${day}`, body: paragraphs(['x']), authorIds: [basics.authorId], seo: { isNoindex: true }, publishedAt: `2026-11-${day}T00:00:00Z` },
        );
      }
      const site = createRenderSite({ settings: { ...DEFAULT_SETTINGS, title: 'The Example Times', language: 'zh-Hant-TW' }, siteUrl: TEST_SITE_URL, logo: null });
      app = Fastify({ logger: false });
      app.setErrorHandler((error, _request, reply) => reply.code(error instanceof AppError ? error.status : 500).send());
      await app.register(sitemapRoutes, { context: { store: t.store, clock: testClock() }, site: () => site, limits: { postsPerFile: PER_FILE } });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await t?.cleanup();
    });

    async function postFiles() {
      const { sitemaps } = await readSitemap(get, '/sitemap.xml');
      const paths = sitemaps.map((s) => pathOf(s.loc)).filter((p) => p.startsWith('/sitemap-posts-'));
      return Promise.all(paths.map(async (path) => ({ path, ...(await readSitemap(get, path)) })));
    }

    test('the index names one file per three articles; each is valid, and together they hold every article once', async () => {
      const files = await postFiles();
      // Eleven public articles in four files; the first holds only the noindex ones, so the index leaves it out.
      assert.deepEqual(
        files.map((f) => f.path),
        ['/sitemap-posts-2.xml', '/sitemap-posts-3.xml', '/sitemap-posts-4.xml'],
      );
      const all: string[] = [];
      for (const file of files) {
        assertSchemaValid(file.xml, file.path);
        assert.ok(file.urls.length <= PER_FILE, `${file.path} holds ${file.urls.length}`);
        all.push(...file.urls.map((u) => pathOf(u.loc).slice(1, -1)));
      }
      assert.equal(all.length, articleSlugs.size);
      assert.deepEqual(new Set(all), articleSlugs);
      assert.equal((await readSitemap(get, '/sitemap-posts-1.xml')).urls.length, 0, 'a file of noindex articles is there, empty');
      assert.equal((await get('/sitemap-posts-5.xml')).status, 404, 'past the last file');
    });

    test('new stories go into the last file; the earlier files keep their URLs', async () => {
      const before_ = await postFiles();
      const later = [];
      for (const minutes of [20, 10]) {
        later.push(
          await createPost(
            { store: t.store, clock: testClock() },
            { status: 'published', title: `Later ${minutes}`, body: paragraphs(['x']), authorIds: [basics.authorId], publishedAt: new Date(NOW_MS - minutes * 60_000).toISOString() },
          ),
        );
      }
      try {
        const after_ = await postFiles();
        assert.equal(after_[0]!.xml, before_[0]!.xml);
        assert.equal(after_[1]!.xml, before_[1]!.xml);
        const lastLocs = after_.slice(2).flatMap((f) => f.urls.map((u) => pathOf(u.loc).slice(1, -1)));
        for (const post of later) assert.ok(lastLocs.includes(post.slug), `${post.slug} is in a later file`);
      } finally {
        await t.store.dialect.db.deleteFrom('posts').where('slug', 'like', 'later-%').execute();
      }
    });

    test('the news sitemap names the publication in the language code Google wants', async () => {
      const { urls } = await readSitemap(get, '/news-sitemap.xml');
      assert.ok(urls.length > 0);
      assert.equal(urls[0]!['news:news']!['news:publication']['news:name'], 'The Example Times');
      assert.equal(urls[0]!['news:news']!['news:publication']['news:language'], 'zh-tw');
    });
  });

  describe(`the news sitemap's limits (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    const get = overHttp(() => server);

    before(async () => {
      t = await createTestStore(engine);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('with nothing published, the news sitemap is an empty urlset and the index lists only the pages sitemap', async () => {
      const news = await readSitemap(get, '/news-sitemap.xml');
      assert.equal(news.urls.length, 0);
      assert.match(news.xml, /<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"/);
      const index = await readSitemap(get, '/sitemap.xml');
      assert.deepEqual(
        index.sitemaps.map((s) => s.loc),
        [`${TEST_SITE_URL}/sitemap-pages.xml`],
      );
      assertSchemaValid(index.xml, '/sitemap.xml');
      assertSchemaValid((await readSitemap(get, '/sitemap-pages.xml')).xml, '/sitemap-pages.xml');
      assert.equal((await server.get('/sitemap-posts-1.xml')).status, 404);
    });

    test('with more than 1,000 recent articles, it lists the newest 1,000 and nothing older than 48 hours', async () => {
      const basics = await createBasics(t.store);
      const clock = testClock();
      await t.store.transaction(async (store) => {
        // One a minute for 1,005 minutes, then one just outside the window.
        const times = Array.from({ length: 1_005 }, (_, i) => NOW_MS - (i + 1) * 60_000).concat(NOW_MS - 48 * HOUR - 60_000);
        for (const [i, time] of times.entries()) {
          await createPost(
            { store, clock },
            { status: 'published', title: `Flash ${i + 1}`, body: paragraphs(['x']), authorIds: [basics.authorId], publishedAt: new Date(time).toISOString() },
          );
        }
      });
      const { xml, urls } = await readSitemap(get, '/news-sitemap.xml');
      assertSchemaValid(xml, '/news-sitemap.xml');
      assert.equal(urls.length, 1_000);
      assert.equal(pathOf(urls[0]!.loc), '/flash-1/');
      assert.equal(pathOf(urls[999]!.loc), '/flash-1000/');
      for (const url of urls) assert.ok(NOW_MS - Date.parse(url['news:news']!['news:publication_date']) <= 48 * HOUR);
    });
  });

  describe(`sitemap query plans (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;

    before(async () => {
      t = await createTestStore(engine);
      const basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 30 });
      if (engine === 'postgres') await sql`ANALYZE`.execute(t.store.dialect.db);
    });
    after(() => t?.cleanup());

    /** Posts are reached through the named index, never by a full scan, and no read of posts is sorted. */
    function assertReadsIndex(plan: string, index: string) {
      if (engine === 'sqlite') {
        assert.doesNotMatch(plan, /SCAN p\b(?! USING)/, `full scan of posts:\n${plan}`);
        assert.doesNotMatch(plan, /USE TEMP B-TREE FOR ORDER BY/, `sorted instead of read in index order:\n${plan}`);
        assert.match(plan, new RegExp(`(SEARCH|SCAN) \\w+ USING (COVERING )?INDEX ${index}\\b`), plan);
      } else {
        assert.doesNotMatch(plan, /Seq Scan on posts\b/, `sequential scan of posts:\n${plan}`);
        assert.doesNotMatch(plan, /(^|\s)Sort\b/m, `sorted instead of read in index order:\n${plan}`);
        assert.match(plan, new RegExp(`Index (Only )?Scan( Backward)? using ${index} on`), plan);
      }
    }
    const explain = (query: { compile(): { sql: string; parameters: readonly unknown[] } }) => t.store.dialect.explain(query.compile());
    const key = { publishedAt: '2026-11-19T00:00:00.000Z', id: 5 };

    const cases: Array<[string, () => { compile(): { sql: string; parameters: readonly unknown[] } }, string]> = [
      ['the index’s article files', () => postFilesQuery(t.store.dialect, { now: TEST_NOW, perFile: 50_000 }), 'posts_public_latest'],
      ['a deep article file', () => postFileQuery(t.store.dialect, { now: TEST_NOW, perFile: 10, offset: 20 }), 'posts_public_latest'],
      ['a file’s pictures', () => postImagesQuery(t.store.dialect, { now: TEST_NOW, from: key, to: { ...key, publishedAt: TEST_NOW } }), 'posts_public_latest'],
      ['the pages', () => pagesQuery(t.store.dialect, { now: TEST_NOW, limit: 49_999 }), 'posts_public_latest'],
      ['the categories', () => archivesQuery(t.store.dialect, { kind: 'category', now: TEST_NOW, limit: 50_000 }), 'posts_category_latest'],
      ['the tags', () => archivesQuery(t.store.dialect, { kind: 'tag', now: TEST_NOW, limit: 50_000 }), 'post_tags_latest'],
      ['the authors', () => archivesQuery(t.store.dialect, { kind: 'author', now: TEST_NOW, limit: 50_000 }), 'post_authors_latest'],
      ['the news', () => newsQuery(t.store.dialect, { now: TEST_NOW, since: '2026-11-18T12:00:00.000Z', limit: 1_000 }), 'posts_public_latest'],
    ];
    for (const [name, query, index] of cases) {
      test(`${name} read ${index} in index order`, async () => {
        assertReadsIndex(await explain(query()), index);
      });
    }

    test('the index’s lastmods read each archive’s index, not the posts table', async () => {
      const plan = await explain(lastmodsQuery(t.store.dialect, { now: TEST_NOW }));
      for (const index of ['posts_public_latest', 'posts_category_latest', 'post_tags_latest', 'post_authors_latest']) assertReadsIndex(plan, index);
    });
  });
}

describe('the news sitemap language', () => {
  test('is the ISO 639 code, or zh-cn / zh-tw for Chinese, as Google asks', () => {
    const cases: Record<string, string> = {
      en: 'en',
      'en-GB': 'en',
      'pt-BR': 'pt',
      fil: 'fil',
      zh: 'zh-cn',
      'zh-CN': 'zh-cn',
      'zh-Hans': 'zh-cn',
      'zh-TW': 'zh-tw',
      'zh-Hant': 'zh-tw',
      'zh-Hant-HK': 'zh-tw',
    };
    for (const [bcp47, expected] of Object.entries(cases)) assert.equal(newsLanguage(bcp47), expected, bcp47);
  });
});
