import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { createTestStore, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';

/** Structured data and sharing tags of the pages that are not articles (articles: reference-article.test.ts). */
describe('structured data and sharing tags', () => {
  let t: TestStore;
  let server: RunningServer;

  async function page(path: string) {
    const response = await server.get(path);
    assert.equal(response.status, 200, path);
    const $ = cheerio.load(await response.text());
    const jsonLd = $('script[type="application/ld+json"]')
      .map((_, s) => JSON.parse($(s).text()))
      .get() as Array<Record<string, any>>;
    return { $, jsonLd, byType: (type: string) => jsonLd.find((block) => block['@type'] === type) };
  }

  before(async () => {
    t = await createTestStore('sqlite');
    await seedReference(t.store, t.dataDir);
    const basics = await createBasics(t.store);
    await createArticles(t.store, basics, { count: 3, tagIds: [basics.tagId, basics.personTagId] });
    server = await startServer({ store: t.store, dataDir: t.dataDir });
  });
  after(async () => {
    await server?.close();
    await t?.cleanup();
  });

  test('the home page is a WebSite with a SearchAction that works', async () => {
    const { $, byType } = await page('/');
    const site = byType('WebSite');
    assert.ok(site, 'WebSite block');
    assert.equal(site.url, `${TEST_SITE_URL}/`);
    assert.equal(site.publisher['@type'], 'NewsMediaOrganization');
    const action = site.potentialAction;
    assert.equal(action['@type'], 'SearchAction');
    assert.equal(action['query-input'], 'required name=search_term_string');
    const template: string = action.target.urlTemplate;
    assert.ok(template.includes('{search_term_string}'));
    // The template is a real search: filled in, it finds the reference story.
    const search = await page(template.replace(TEST_SITE_URL, '').replace('{search_term_string}', 'Legend'));
    assert.ok(search.$('.teaser h3 a').text().includes('John Legend'));
    assert.equal($('meta[property="og:type"]').attr('content'), 'website');
    assert.ok($('meta[property="og:image"]').attr('content')?.endsWith('-1200x675.jpg'), 'the lead story picture, cropped for sharing');
  });

  test('an author page is a ProfilePage whose main entity is the person', async () => {
    const { $, byType } = await page('/author/ada/');
    const profile = byType('ProfilePage');
    assert.ok(profile, 'ProfilePage block');
    assert.equal(profile.mainEntity['@type'], 'Person');
    assert.equal(profile.mainEntity.name, 'Ada Reporter');
    assert.equal(profile.mainEntity.url, `${TEST_SITE_URL}/author/ada/`);
    assert.equal($('meta[property="og:type"]').attr('content'), 'profile');
    const crumbs = byType('BreadcrumbList');
    assert.deepEqual(
      crumbs?.itemListElement.map((step: { name: string; item: string }) => [step.name, step.item]),
      [
        ['Mamas Uncut', `${TEST_SITE_URL}/`],
        ['Ada Reporter', `${TEST_SITE_URL}/author/ada/`],
      ],
    );
  });

  test('a person tag page is a ProfilePage; a topic tag and a section are not', async () => {
    const person = await page('/tag/kanye-west/');
    assert.equal(person.byType('ProfilePage')?.mainEntity.name, 'Kanye West');
    const topic = await page('/tag/politics/');
    assert.equal(topic.byType('ProfilePage'), undefined);
    assert.equal(topic.$('meta[property="og:type"]').attr('content'), 'website');
    const section = await page('/category/showbiz/');
    assert.equal(section.byType('ProfilePage'), undefined);
    assert.equal(section.byType('BreadcrumbList')?.itemListElement.length, 2);
  });

  test('every page announces the site feeds, and an archive its own', async () => {
    const { $ } = await page('/tag/politics/');
    const feeds = $('link[rel="alternate"]')
      .map((_, l) => [[$(l).attr('type'), $(l).attr('href')]])
      .get();
    assert.deepEqual(feeds, [
      ['application/rss+xml', `${TEST_SITE_URL}/feed/`],
      ['application/atom+xml', `${TEST_SITE_URL}/feed/atom/`],
      ['application/feed+json', `${TEST_SITE_URL}/feed.json`],
      ['application/rss+xml', `${TEST_SITE_URL}/tag/politics/feed/`],
      ['application/atom+xml', `${TEST_SITE_URL}/tag/politics/feed/atom/`],
      ['application/feed+json', `${TEST_SITE_URL}/tag/politics/feed.json`],
    ]);
  });
});
