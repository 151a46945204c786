import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Ajv } from 'ajv';
import * as cheerio from 'cheerio';
import FeedParser from 'feedparser';
import { XMLParser } from 'fast-xml-parser';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, testClock, TEST_NOW, type Basics } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { paragraphs } from '../../src/content/body.js';
import { demoPhoto } from '../../src/demo/demo-images.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { createMedia } from '../../src/operations/create-media.js';
import { createPost } from '../../src/operations/create-post.js';
import { createCategory } from '../../src/operations/create-terms.js';
import { updateSettings } from '../../src/operations/settings.js';
import { withAbsoluteUrls } from '../../src/site/feeds/feed-content.js';

const SCHEMAS = join(import.meta.dirname, '../fixtures/schemas');
const ATOM_RNG = join(SCHEMAS, 'atom.rng');
const JSON_FEED_SCHEMA = JSON.parse(readFileSync(join(SCHEMAS, 'jsonfeed-1.1.schema.json'), 'utf8')) as object;

const REFERENCE_SLUG = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';
const REFERENCE_URL = `${TEST_SITE_URL}/${REFERENCE_SLUG}/`;
const REFERENCE_TITLE = 'John Legend Reveals How Politics Ruined His Friendship With Kanye West';
const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};
/** The site's zone in these tests: TEST_NOW (12:00 UTC on 20 November) is 07:00 there, five hours behind. */
const TIMEZONE = 'America/New_York';

interface ParsedFeed {
  meta: FeedParser.Meta;
  items: FeedParser.Item[];
}

/** Parses RSS or Atom with feedparser on a strict XML parser that stops at the first error. */
async function parseStrictly(xml: string): Promise<ParsedFeed> {
  const parser = new FeedParser({ strict: true, resume_saxerror: false });
  Readable.from([xml]).pipe(parser);
  const items: FeedParser.Item[] = [];
  for await (const item of parser) items.push(item);
  return { meta: parser.meta, items };
}

/** xmllint's complaints about an Atom document against RFC 4287's RELAX NG schema, or '' when it passes. */
function atomSchemaErrors(xml: string): string {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--relaxng', ATOM_RNG, '-'], { input: xml, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result.status === 0 ? '' : result.stderr || `xmllint exited with ${result.status}`;
}

const ajv = new Ajv({ strict: true, allErrors: true });
ajv.addFormat('uri', (value: string) => URL.canParse(value));
ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)));
const validateJsonFeed = ajv.compile(JSON_FEED_SCHEMA);

function jsonFeedErrors(feed: unknown): string {
  return validateJsonFeed(feed) ? '' : ajv.errorsText(validateJsonFeed.errors);
}

const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$/;

/**
 * RSS 2.0 has no official schema (the specification at rssboard.org is prose
 * only, and no XSD or RELAX NG grammar is published with it), so what it
 * requires is asserted here: a channel with title, link and description, and
 * items each with a title or description, absolute links and RFC 822 dates.
 */
function assertRssStructure(xml: string): void {
  const document = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['item', 'category', 'dc:creator'].includes(name) }).parse(xml);
  assert.equal(document.rss?.['@_version'], '2.0', 'rss version="2.0"');
  const channel = document.rss.channel;
  assert.ok(channel, 'a channel');
  for (const name of ['title', 'link', 'description']) assert.ok(typeof channel[name] === 'string' && channel[name] !== '', `channel ${name}`);
  assert.match(channel.link, /^https?:\/\//);
  assert.equal(channel['atom:link']?.['@_rel'], 'self');
  if (channel.lastBuildDate !== undefined) assert.match(channel.lastBuildDate, RFC_822);
  for (const item of channel.item ?? []) {
    assert.ok(item.title || item.description, 'an item has a title or a description');
    assert.match(item.link, /^https?:\/\//);
    assert.equal(item.guid['#text'], item.link);
    assert.match(item.pubDate, RFC_822);
  }
}

for (const engine of ENGINES) {
  describe(`feeds (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    let personTagSlug: string;
    const queries: string[] = [];
    const context = () => ({ store: t.store, clock: testClock() });
    const hoursAgo = (hours: number) => new Date(Date.parse(TEST_NOW) - hours * 3600_000).toISOString();

    async function fetchText(path: string, init?: RequestInit) {
      const response = await server.get(path, init);
      return { response, text: await response.text() };
    }

    async function setFeedContent(feedContent: 'full' | 'excerpt') {
      await updateSettings(context(), { feedContent });
      await server.app.site.reload();
    }

    before(async () => {
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      await seedReference(t.store, t.dataDir);
      basics = await createBasics(t.store);
      personTagSlug = (await t.store.tags.findByIds([basics.personTagId]))[0]!.slug;
      await createArticles(t.store, basics, { count: 25 });
      await createArticles(t.store, basics, { count: 2, prefix: 'Music story', categoryId: basics.otherCategoryId, tagIds: [basics.personTagId] });

      const images = createSharpIngest({ mediaDir: join(t.dataDir, 'media'), widths: [480, 1200] });
      const photo = await createMedia(
        { ...context(), images },
        {
          bytes: await demoPhoto({ seed: 11, width: 1200, height: 800 }),
          name: 'red-carpet.jpg',
          details: { alt: 'A singer on the red carpet', caption: 'Arriving at the awards', credit: 'Jane Doe', agency: 'Getty Images' },
        },
      );
      await createPost(context(), {
        status: 'published',
        title: 'Red carpet report',
        excerpt: 'Who wore what.',
        featuredMediaId: photo.id,
        body: [
          { type: 'paragraph', content: [{ text: 'See ' }, { text: 'our politics coverage', marks: [{ type: 'link', href: '/tag/politics/' }] }, { text: '.' }] },
          { type: 'paragraph', content: [{ text: 'Skip to the notes', marks: [{ type: 'link', href: '#notes' }] }] },
        ],
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        publishedAt: hoursAgo(0.5),
      });
      await createPost(context(), {
        status: 'published',
        title: 'Kept out of search engines',
        body: paragraphs(['Published, but noindex.']),
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        seo: { isNoindex: true },
        publishedAt: hoursAgo(0.75),
      });
      await createPost(context(), { status: 'draft', title: 'Unpublished scoop', body: paragraphs(['secret']), authorIds: [basics.authorId], tagIds: [basics.tagId] });
      await createPost(context(), {
        status: 'scheduled',
        title: 'Tomorrow’s scoop',
        body: paragraphs(['not yet']),
        authorIds: [basics.authorId],
        categoryId: basics.otherCategoryId,
        publishedAt: new Date(Date.parse(TEST_NOW) + 86_400_000).toISOString(),
      });
      await createPost(context(), {
        kind: 'page',
        status: 'published',
        title: 'About us',
        body: paragraphs(['We are a magazine.']),
        authorIds: [basics.authorId],
        tagIds: [basics.personTagId],
        publishedAt: hoursAgo(0.25),
      });
      const summer = await createCategory(context(), { name: 'Summer' });
      await createArticles(t.store, basics, { count: 1, prefix: 'Summer story', categoryId: summer.id, clock: { now: () => new Date('2026-07-04T17:00:00Z') } });
      await createCategory(context(), { name: 'Empty section' });
      await updateSettings(context(), { timezone: TIMEZONE });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('RSS at /feed/ parses strictly and carries the 20 newest public stories in full', async () => {
      const { response, text } = await fetchText('/feed/');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), CONTENT_TYPES.rss);
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=60(, |$)/);
      assertRssStructure(text);
      const { meta, items } = await parseStrictly(text);
      assert.equal(meta['#type'], 'rss');
      assert.equal(meta.title, 'Mamas Uncut');
      assert.equal(meta.link, `${TEST_SITE_URL}/`);
      assert.equal(meta.description, 'Celebrity news, uncut');
      assert.equal(meta.language, 'en');
      assert.equal(meta.xmlurl, `${TEST_SITE_URL}/feed/`);
      assert.equal(items.length, 20);
      const titles = items.map((item) => item.title);
      assert.deepEqual(titles.slice(0, 3), [REFERENCE_TITLE, 'Red carpet report', 'Kept out of search engines']);
      for (const hidden of ['Unpublished scoop', 'Tomorrow’s scoop', 'About us']) assert.ok(!titles.includes(hidden), hidden);

      const reference = items[0]!;
      assert.equal(reference.link, REFERENCE_URL);
      assert.equal(reference.guid, REFERENCE_URL);
      assert.equal(reference.author, 'Mamas Uncut Staff');
      assert.deepEqual(reference.categories, ['Celebrity', 'John Legend', 'Kanye West', 'Donald Trump', 'Politics']);
      assert.match(reference.summary, /^In a time when politics seem all anyone can talk about/);
      assert.match(reference.description, /<span class="credit">DFree \/ Shutterstock\.com<\/span>/);
      // Strict SAX keeps element names' case and feedparser normalises only a lower-case `pubdate`, so the date is read from the element itself.
      assert.equal(reference['rss:pubDate']['#'], 'Fri, 20 Nov 2026 07:00:00 -0500');
      assert.equal(Date.parse(reference['rss:pubDate']['#']), Date.parse(TEST_NOW));
      assert.equal(meta['rss:lastBuildDate']['#'], 'Fri, 20 Nov 2026 07:00:00 -0500');
    });

    test('every address in the RSS content is absolute, including srcset candidates', async () => {
      // Read as sent: feedparser would resolve relative addresses itself and hide one.
      const document = new XMLParser({ isArray: (name) => name === 'item' }).parse((await fetchText('/feed/')).text);
      const items: Array<{ title: string; 'content:encoded': string }> = document.rss.channel.item;
      for (const item of items) {
        const $ = cheerio.load(item['content:encoded']);
        const addresses = [
          ...$('[href]').map((_, e) => $(e).attr('href')).get(),
          ...$('[src]').map((_, e) => $(e).attr('src')).get(),
          ...$('[srcset]').map((_, e) => $(e).attr('srcset')!.split(', ').map((c) => c.split(' ')[0]!)).get(),
        ];
        for (const address of addresses) assert.match(address, /^https?:\/\//, `${item.title}: ${address}`);
      }
      const reference = cheerio.load(items[0]!['content:encoded']);
      assert.equal(reference('img').length, 3);
      assert.equal(reference('source[srcset]').length, 6);
    });

    test('a featured picture the body does not show opens the content, with caption and credit, and is the media:content', async () => {
      const { items } = await parseStrictly((await fetchText('/feed/')).text);
      const story = items.find((item) => item.title === 'Red carpet report')!;
      const $ = cheerio.load(story.description);
      const first = $('body').children().first();
      assert.equal(first.prop('tagName'), 'FIGURE');
      assert.equal(first.find('.caption').text(), 'Arriving at the awards');
      assert.equal(first.find('.credit').text(), 'Jane Doe / Getty Images');
      assert.equal($('a').first().attr('href'), `${TEST_SITE_URL}/tag/politics/`);
      assert.equal($('a').eq(1).attr('href'), `${TEST_SITE_URL}/red-carpet-report/#notes`);

      const media = story['media:content'];
      assert.match(media['@'].url, /^https:\/\/news\.example\/media\/.+-1200\.jpg$/);
      assert.equal(media['@'].medium, 'image');
      assert.equal(media['@'].type, 'image/jpeg');
      assert.equal(media['@'].width, '1200');
      assert.equal(media['@'].height, '800');
      assert.equal(media['media:credit']['#'], 'Jane Doe / Getty Images');
      assert.equal(media['media:title']['#'], 'A singer on the red carpet');
      assert.equal(media['media:description']['#'], 'Arriving at the awards');
      assert.equal((await server.get(new URL(media['@'].url).pathname)).status, 200);
    });

    test('Atom at /feed/atom/ passes RFC 4287’s RELAX NG schema and parses strictly', async () => {
      const { response, text } = await fetchText('/feed/atom/');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), CONTENT_TYPES.atom);
      assert.equal(atomSchemaErrors(text), '');
      const { meta, items } = await parseStrictly(text);
      assert.equal(meta['#type'], 'atom');
      assert.equal(meta.title, 'Mamas Uncut');
      assert.equal(meta.link, `${TEST_SITE_URL}/`);
      assert.equal(meta.xmlurl, `${TEST_SITE_URL}/feed/atom/`);
      assert.equal(meta['atom:updated']['#'], '2026-11-20T07:00:00-05:00');
      assert.equal(items.length, 20);
      // The schema leaves these to Schematron rules it does not run.
      for (const item of items) {
        assert.ok(item['atom:author'], `${item.title} has an author`);
        assert.match(item.link, /^https:\/\/news\.example\//);
      }
      const reference = items[0]!;
      assert.equal(reference.title, REFERENCE_TITLE);
      assert.equal(reference.guid, REFERENCE_URL);
      assert.equal(reference['atom:published']['#'], '2026-11-20T07:00:00-05:00');
      assert.equal(reference.pubdate?.toISOString(), TEST_NOW);
      assert.equal(reference['atom:author'].name['#'], 'Mamas Uncut Staff');
      assert.equal(reference['atom:author'].uri['#'], `${TEST_SITE_URL}/author/staff/`);
      const categories = ([] as Array<{ '@': Record<string, string> }>).concat(reference['atom:category']).map((c) => c['@']);
      assert.deepEqual(categories[0], { term: 'celebrity', label: 'Celebrity', scheme: `${TEST_SITE_URL}/category/` });
      assert.deepEqual(categories[1], { term: 'john-legend', label: 'John Legend', scheme: `${TEST_SITE_URL}/tag/` });
      assert.equal(reference['atom:content']['@'].type, 'html');
      assert.match(reference.description, /DFree \/ Shutterstock\.com/);
      assert.match(reference.summary, /^In a time when politics/);
    });

    test('dates carry the site zone’s offset for their own day, summer time included', async () => {
      const { text } = await fetchText('/category/summer/feed/atom/');
      assert.equal(atomSchemaErrors(text), '');
      const { items } = await parseStrictly(text);
      assert.equal(items.length, 1);
      assert.equal(items[0]!['atom:published']['#'], '2026-07-04T12:00:00-04:00');
      assert.equal(items[0]!.pubdate?.toISOString(), '2026-07-04T16:00:00.000Z');
      const rss = await parseStrictly((await fetchText('/category/summer/feed/')).text);
      assert.equal(rss.items[0]!['rss:pubDate']['#'], 'Sat, 04 Jul 2026 12:00:00 -0400');
    });

    test('JSON Feed at /feed.json passes the JSON Feed 1.1 schema and carries the same stories', async () => {
      const { response, text } = await fetchText('/feed.json');
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), CONTENT_TYPES.json);
      const feed = JSON.parse(text);
      assert.equal(jsonFeedErrors(feed), '');
      assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
      assert.equal(feed.title, 'Mamas Uncut');
      assert.equal(feed.home_page_url, `${TEST_SITE_URL}/`);
      assert.equal(feed.feed_url, `${TEST_SITE_URL}/feed.json`);
      assert.equal(feed.language, 'en');
      assert.equal(feed.items.length, 20);
      const [reference] = feed.items;
      assert.equal(reference.id, REFERENCE_URL);
      assert.equal(reference.url, REFERENCE_URL);
      assert.equal(reference.title, REFERENCE_TITLE);
      assert.match(reference.content_html, /DFree \/ Shutterstock\.com/);
      assert.doesNotMatch(reference.content_html, /(src|href)="\//);
      assert.match(reference.image, /^https:\/\/news\.example\/media\/.+\.jpg$/);
      assert.equal(reference.date_published, '2026-11-20T07:00:00-05:00');
      assert.equal(reference.date_modified, '2026-11-20T07:00:00-05:00');
      assert.deepEqual(reference.authors, [{ name: 'Mamas Uncut Staff', url: `${TEST_SITE_URL}/author/staff/` }]);
      assert.deepEqual(reference.tags, ['Celebrity', 'John Legend', 'Kanye West', 'Donald Trump', 'Politics']);
    });

    test('an archive’s feeds carry only that archive’s stories, under its own title and address', async () => {
      const music = await parseStrictly((await fetchText('/category/music/feed/')).text);
      assert.equal(music.meta.title, 'Music – Mamas Uncut');
      assert.equal(music.meta.link, `${TEST_SITE_URL}/category/music/`);
      assert.equal(music.meta.xmlurl, `${TEST_SITE_URL}/category/music/feed/`);
      assert.deepEqual(music.items.map((item) => item.title).sort(), ['Music story number 1', 'Music story number 2']);

      const personAtom = (await fetchText(`/tag/${personTagSlug}/feed/atom/`)).text;
      assert.equal(atomSchemaErrors(personAtom), '');
      const person = await parseStrictly(personAtom);
      assert.equal(person.meta.xmlurl, `${TEST_SITE_URL}/tag/${personTagSlug}/feed/atom/`);
      // The page "About us" carries this tag too: feeds are stories only.
      assert.deepEqual(person.items.map((item) => item.title).sort(), ['Music story number 1', 'Music story number 2']);

      const kanye = JSON.parse((await fetchText('/tag/kanye-west/feed.json')).text);
      assert.equal(jsonFeedErrors(kanye), '');
      assert.equal(kanye.feed_url, `${TEST_SITE_URL}/tag/kanye-west/feed.json`);
      assert.deepEqual(kanye.items.map((item: { url: string }) => item.url), [REFERENCE_URL]);

      const ada = JSON.parse((await fetchText('/author/ada/feed.json')).text);
      assert.equal(jsonFeedErrors(ada), '');
      assert.equal(ada.title, 'Ada Reporter – Mamas Uncut');
      assert.equal(ada.items.length, 20);
      for (const item of ada.items) assert.deepEqual(item.authors, [{ name: 'Ada Reporter', url: `${TEST_SITE_URL}/author/ada/` }]);
      assert.ok(!ada.items.some((item: { title: string }) => item.title === 'About us'));
    });

    test('an archive with no stories yet has valid, empty feeds in every format', async () => {
      const rss = (await fetchText('/category/empty-section/feed/')).text;
      assertRssStructure(rss);
      assert.equal((await parseStrictly(rss)).items.length, 0);
      const atom = (await fetchText('/category/empty-section/feed/atom/')).text;
      assert.equal(atomSchemaErrors(atom), '');
      assert.equal((await parseStrictly(atom)).items.length, 0);
      const json = JSON.parse((await fetchText('/category/empty-section/feed.json')).text);
      assert.equal(jsonFeedErrors(json), '');
      assert.deepEqual(json.items, []);
    });

    test('an unknown archive’s feeds answer 404 in every format', async () => {
      assert.equal((await server.get('/category/no-such-section/feed/')).status, 404);
      assert.equal((await server.get('/tag/nobody/feed/atom/')).status, 404);
      assert.equal((await server.get('/author/nobody/feed.json')).status, 404);
    });

    test('WordPress’s other feed addresses redirect permanently to the RSS feed', async () => {
      for (const [from, to] of [
        ['/feed/rss2/', '/feed/'],
        ['/feed/rss/', '/feed/'],
        ['/feed/rdf/', '/feed/'],
        ['/category/music/feed/rss2/', '/category/music/feed/'],
        ['/author/ada/feed/rdf/', '/author/ada/feed/'],
      ]) {
        const response = await server.get(from!);
        assert.equal(response.status, 301, from);
        assert.equal(response.headers.get('location'), to, from);
      }
    });

    test('a reader that has the feed gets 304 with no body, by ETag (a date alone gets the feed)', async () => {
      const first = await server.get('/feed/atom/');
      await first.text();
      const etag = first.headers.get('etag')!;
      const lastModified = first.headers.get('last-modified')!;
      assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
      assert.equal(lastModified, new Date(TEST_NOW).toUTCString());

      const byTag = await fetchText('/feed/atom/', { headers: { 'if-none-match': etag } });
      assert.equal(byTag.response.status, 304);
      assert.equal(byTag.text, '');
      assert.equal(byTag.response.headers.get('etag'), etag);
      assert.equal((await fetchText('/feed/atom/', { headers: { 'if-none-match': `"stale", W/${etag}` } })).response.status, 304);

      // A date alone is not trusted (the response cache, README "Caching and CDNs"): a story leaving the feed does not move it.
      const byDate = await fetchText('/feed/atom/', { headers: { 'if-modified-since': lastModified } });
      assert.equal(byDate.response.status, 200);
    });

    test('a reader with an older copy gets the feed again', async () => {
      assert.equal((await server.get('/feed.json', { headers: { 'if-none-match': '"stale"' } })).status, 200);
      const dayBefore = new Date(Date.parse(TEST_NOW) - 86_400_000).toUTCString();
      assert.equal((await server.get('/feed/', { headers: { 'if-modified-since': dayBefore } })).status, 200);
      // When both are sent the ETag decides, so a changed setting is never hidden behind an unchanged date.
      const fresh = await server.get('/feed/', { headers: { 'if-none-match': '"stale"', 'if-modified-since': new Date(TEST_NOW).toUTCString() } });
      assert.equal(fresh.status, 200);
    });

    test('with the excerpt-only setting, every format carries summaries and no full text', async () => {
      const fullTag = (await server.get('/feed/')).headers.get('etag');
      await setFeedContent('excerpt');
      try {
        const rss = await fetchText('/feed/');
        assert.notEqual(rss.response.headers.get('etag'), fullTag);
        assertRssStructure(rss.text);
        assert.doesNotMatch(rss.text, /content:encoded>/);
        const { items } = await parseStrictly(rss.text);
        assert.match(items[0]!.description, /^In a time when politics seem all anyone can talk about/);
        assert.doesNotMatch(items[0]!.description, /<figure/);

        const atom = (await fetchText('/feed/atom/')).text;
        assert.equal(atomSchemaErrors(atom), '');
        assert.doesNotMatch(atom, /<content/);
        assert.match((await parseStrictly(atom)).items[0]!.summary, /^In a time when politics/);

        const json = JSON.parse((await fetchText('/feed.json')).text);
        assert.equal(jsonFeedErrors(json), '');
        assert.equal(json.items[0].content_html, undefined);
        assert.equal(json.items[0].content_text, json.items[0].summary);
      } finally {
        await setFeedContent('full');
      }
    });

    test('a feed is one query, and an archive’s feed two however many stories it carries', async () => {
      queries.length = 0;
      await (await server.get('/feed/')).text();
      assert.equal(queries.length, 1, queries.join('\n'));
      queries.length = 0;
      await (await server.get('/author/ada/feed/atom/')).text();
      assert.equal(queries.length, 2, queries.join('\n'));
    });

    test('home, archive and article pages announce their feeds, and every announced feed answers', async () => {
      const expected: Record<string, string[]> = {
        '/': ['/feed/', '/feed/atom/', '/feed.json'],
        '/category/music/': ['/feed/', '/feed/atom/', '/feed.json', '/category/music/feed/', '/category/music/feed/atom/', '/category/music/feed.json'],
        [`/${REFERENCE_SLUG}/`]: ['/feed/', '/feed/atom/', '/feed.json'],
      };
      for (const [page, feeds] of Object.entries(expected)) {
        const $ = cheerio.load((await fetchText(page)).text);
        const links = $('link[rel="alternate"][type]')
          .map((_, link) => ({ type: $(link).attr('type')!, href: $(link).attr('href')! }))
          .get()
          .filter((link) => link.type !== 'text/html');
        assert.deepEqual(links.map((link) => link.href), feeds.map((path) => TEST_SITE_URL + path), page);
        for (const link of links) {
          const response = await server.get(new URL(link.href).pathname);
          await response.text();
          assert.equal(response.status, 200, link.href);
          assert.equal(response.headers.get('content-type'), `${link.type}; charset=utf-8`, link.href);
        }
      }
    });
  });
}

describe('the feed checks', () => {
  test('reject a broken document, so a passing check means something', async () => {
    const atom = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>No id</title><updated>2026-11-20T07:00:00-05:00</updated></feed>`;
    assert.match(atomSchemaErrors(atom), /Relax-NG validity error/);
    assert.match(atomSchemaErrors(atom.replace('<title>', '<id>urn:x</id><title>').replace('07:00:00-05:00', 'yesterday')), /updated/);

    const unescaped = `<?xml version="1.0"?><rss version="2.0"><channel><title>A & B</title><link>https://x.example/</link><description>d</description></channel></rss>`;
    await assert.rejects(parseStrictly(unescaped));
    const noDescription = `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.example/</link></channel></rss>`;
    assert.throws(() => assertRssStructure(noDescription), /channel description/);

    assert.match(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', title: 'no content' }] }), /content_html|anyOf/);
    assert.match(
      jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', content_text: 'x', date_published: '20 Nov 2026' }] }),
      /date-time/,
    );
    assert.match(jsonFeedErrors({ version: 'https://jsonfeed.org/version/1.1', title: 'T', home_page_url: '/relative/', items: [] }), /uri/);
  });
});

describe('absolute URLs in feed content', () => {
  test('resolve every kind of address against the story and leave the rest of the markup alone', () => {
    const html = withAbsoluteUrls(
      '<p>Fish &amp; chips “quoted” <a href="#notes">notes</a> <a href="mailto:desk@news.example">mail</a> <a href="https://elsewhere.example/x">out</a></p>' +
        '<video poster="/media/p.jpg" src="clip.mp4"></video><picture><source srcset="/media/a-480.webp 480w, /media/a-1200.webp 1200w"><img src="/media/a.jpg" alt="A &quot;quoted&quot; alt"></picture>',
      'https://news.example/story/',
    );
    assert.equal(
      html,
      '<p>Fish &amp; chips “quoted” <a href="https://news.example/story/#notes">notes</a> <a href="mailto:desk@news.example">mail</a> <a href="https://elsewhere.example/x">out</a></p>' +
        '<video poster="https://news.example/media/p.jpg" src="https://news.example/story/clip.mp4"></video><picture><source srcset="https://news.example/media/a-480.webp 480w, https://news.example/media/a-1200.webp 1200w"><img src="https://news.example/media/a.jpg" alt="A &quot;quoted&quot; alt"></picture>',
    );
  });
});
