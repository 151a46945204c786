import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { seedReference } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { readSeedFile } from '../../src/demo/reference-article.js';

/**
 * The reference article, seeded as `npm start` seeds it and read over HTTP,
 * checked against the expectations that come with it (fixtures/seed-article.json).
 */
const seed = readSeedFile();
const ARTICLE = `/${seed.article.slug}/`;

for (const engine of ENGINES) {
  describe(`the reference article page (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let $: cheerio.CheerioAPI;
    let html: string;
    let response: Response;

    before(async () => {
      t = await createTestStore(engine);
      await seedReference(t.store, t.dataDir);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
      response = await server.get(ARTICLE);
      html = await response.text();
      $ = cheerio.load(html);
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('answers 200 with UTF-8 HTML', () => {
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal($('html').attr('lang'), 'en');
      assert.equal($('meta[charset]').attr('charset'), 'utf-8');
    });

    test('shows the headline once, as the only h1', () => {
      assert.equal($('h1').length, 1);
      assert.equal($('h1').text(), seed.article.title);
      assert.equal($('title').text(), `${seed.article.title} – ${seed.site.title}`);
    });

    test('shows the excerpt, a byline linking to the author, and a machine-readable date', () => {
      assert.equal($('article .standfirst').text(), seed.article.excerpt);
      const author = $('article .byline a[rel="author"]');
      assert.equal(author.text(), 'Mamas Uncut Staff');
      assert.equal(author.attr('href'), '/author/staff/');
      const datetime = $('article .byline time').attr('datetime');
      assert.ok(datetime && !Number.isNaN(Date.parse(datetime)), `datetime=${datetime}`);
      assert.match($('article .byline time').text(), /^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    });

    test('renders each paragraph with its curly quotes, apostrophes and dashes exactly as stored', () => {
      const expected = seed.article.body.filter((b) => b.type === 'paragraph').map((b) => String(b.text));
      const actual = $('.article-body > p').map((_, p) => $(p).text()).get();
      assert.deepEqual(actual, expected);
      assert.ok(html.includes('United States of America — for understandable reasons'));
      assert.ok(!/â€|Ã/.test(html), 'no mojibake');
    });

    test('shows three figures in body order, each an image with alt text, width and height', () => {
      const figures = $('.article-body > figure.figure');
      assert.equal(figures.length, 3);
      const alts = figures.map((_, f) => $(f).find('img').attr('alt')).get();
      assert.deepEqual(alts, seed.article.media.map((m) => m.alt));
      figures.each((_, f) => {
        const img = $(f).find('img');
        assert.equal(img.attr('width'), '1200');
        assert.equal(img.attr('height'), '800');
        assert.match(img.attr('src') ?? '', /^\/media\/.+\.jpg$/);
      });
    });

    test('credits photographs as "credit / agency" in the figcaption, beside the caption', () => {
      const captions = $('.article-body > figure.figure figcaption');
      assert.equal(captions.length, 3);
      assert.equal($(captions[0]).find('.caption').text(), seed.article.media[0]!.caption);
      assert.equal($(captions[0]).find('.credit').length, 0);
      assert.equal($(captions[1]).find('.caption').text(), seed.article.media[1]!.caption);
      assert.equal($(captions[1]).find('.credit').text(), 'DFree / Shutterstock.com');
      assert.equal($(captions[2]).find('.caption').length, 0);
      assert.equal($(captions[2]).find('.credit').text(), 'Liam Goodner / Shutterstock.com');
    });

    test('offers AVIF, WebP and JPEG at several widths, loading only the featured image eagerly', async () => {
      const pictures = $('.article-body picture');
      pictures.each((_, p) => {
        const types = $(p).find('source').map((__, s) => $(s).attr('type')).get();
        assert.deepEqual(types, ['image/avif', 'image/webp']);
        for (const srcset of [...$(p).find('source').map((__, s) => $(s).attr('srcset')).get(), $(p).find('img').attr('srcset')]) {
          assert.match(srcset ?? '', /480w, .+ 1200w$/);
        }
      });
      const loading = $('.article-body img').map((_, img) => $(img).attr('loading') ?? 'eager').get();
      assert.deepEqual(loading, ['eager', 'lazy', 'lazy']);
      assert.equal($('.article-body img').first().attr('fetchpriority'), 'high');
      // The variants exist and are served as images.
      const avif = $('.article-body source[type="image/avif"]').first().attr('srcset')!.split(' ')[0]!;
      const image = await server.get(avif);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get('content-type'), 'image/avif');
      assert.match(image.headers.get('cache-control') ?? '', /immutable/);
    });

    test('shows the pull quote in a blockquote with its speaker, context and source visible and marked up', () => {
      const quote = $('figure.quote--pull');
      assert.equal(quote.length, 1);
      assert.equal(quote.attr('itemtype'), 'https://schema.org/Quotation');
      assert.equal(quote.find('blockquote').text(), 'We aren’t friends as much as we used to be.');
      assert.equal(quote.find('figcaption [itemprop="creator"] [itemprop="name"]').text(), 'John Legend');
      assert.equal(quote.find('figcaption .context').text(), 'to David Axelrod');
      assert.equal(quote.find('figcaption cite').text(), 'CNN');
      assert.equal(quote.find('figcaption').text(), '— John Legend, to David Axelrod, CNN');
    });

    test('lists the sources cited with their notes', () => {
      const items = $('section.sources li').map((_, li) => $(li).text()).get();
      assert.deepEqual(items, ['CNN — interview with David Axelrod', 'BuzzFeed — reported the 2018 text messages']);
    });

    test('links each tag to its page and the section to its archive', () => {
      const tags = $('.tags a[rel="tag"]').map((_, a) => [[$(a).text(), $(a).attr('href')]]).get();
      assert.deepEqual(
        tags,
        seed.article.tags.map((tag) => [tag.name, `/tag/${tag.slug}/`]),
      );
      assert.equal($('article .kicker a').attr('href'), '/category/celebrity/');
    });

    test('has a canonical link, description, OpenGraph and Twitter card tags', () => {
      const canonical = `${TEST_SITE_URL}${ARTICLE}`;
      assert.equal($('link[rel="canonical"]').attr('href'), canonical);
      assert.equal($('meta[name="description"]').attr('content'), seed.article.excerpt);
      assert.equal($('meta[property="og:type"]').attr('content'), 'article');
      assert.equal($('meta[property="og:title"]').attr('content'), seed.article.title);
      assert.equal($('meta[property="og:url"]').attr('content'), canonical);
      // The 16:9 crop, 1,200 px wide: what every network shows uncut.
      assert.match($('meta[property="og:image"]').attr('content') ?? '', new RegExp(`^${TEST_SITE_URL}/media/.+-1200x675\\.jpg$`));
      assert.equal($('meta[property="og:image:width"]').attr('content'), '1200');
      assert.equal($('meta[property="og:image:height"]').attr('content'), '675');
      assert.ok(($('meta[property="og:image:alt"]').attr('content') ?? '').length > 0);
      assert.equal($('meta[name="twitter:image"]').attr('content'), $('meta[property="og:image"]').attr('content'));
      assert.equal($('meta[name="robots"]').attr('content'), 'max-image-preview:large');
      assert.equal($('meta[property="article:author"]').attr('content'), `${TEST_SITE_URL}/author/staff/`);
      assert.equal($('meta[name="twitter:card"]').attr('content'), 'summary_large_image');
      assert.equal($('meta[name="twitter:title"]').attr('content'), seed.article.title);
      assert.equal($('meta[property="article:section"]').attr('content'), 'Celebrity');
      assert.equal($('link[rel="alternate"][type="application/rss+xml"]').attr('href'), `${TEST_SITE_URL}/feed/`);
    });

    test('describes itself as a schema.org NewsArticle with author, dates, image and publisher logo', async () => {
      const blocks = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text())).get();
      assert.deepEqual(blocks.map((b) => b['@type']), ['NewsArticle', 'BreadcrumbList']);
      const data = blocks[0];
      assert.equal(data['@context'], 'https://schema.org');
      assert.equal(data['@type'], 'NewsArticle');
      assert.equal(data.headline, seed.article.title);
      assert.ok(Date.parse(data.datePublished) > 0 && Date.parse(data.dateModified) >= Date.parse(data.datePublished));
      assert.deepEqual(data.author, [{ '@type': 'Person', name: 'Mamas Uncut Staff', url: `${TEST_SITE_URL}/author/staff/` }]);
      // Google's three crops, each at least 1,200 px wide; the files exist at those sizes.
      const images = data.image as Array<{ url: string; width: number; height: number }>;
      assert.deepEqual(images.map((i) => [i.width, i.height]), [[1200, 1200], [1200, 900], [1200, 675]]);
      for (const image of images) {
        assert.match(image.url, /^https:\/\/news\.example\/media\/.+\.jpg$/);
        const file = join(t.dataDir, 'media', image.url.slice(`${TEST_SITE_URL}/media/`.length));
        const meta = await sharp(file).metadata();
        assert.deepEqual([meta.width, meta.height, meta.format], [image.width, image.height, 'jpeg']);
      }
      assert.deepEqual(data.about.map((p: { name: string }) => p.name).sort(), seed.article.tags.filter((tag) => tag.kind === 'person').map((tag) => tag.name).sort());
      assert.equal(data.publisher['@type'], 'NewsMediaOrganization');
      assert.equal(data.publisher.name, 'Mamas Uncut');
      assert.equal(data.publisher.logo['@type'], 'ImageObject');
      assert.match(data.publisher.logo.url, /^https:\/\/news\.example\/media\/.+\.png$/);
      assert.equal(data.mainEntityOfPage['@id'], `${TEST_SITE_URL}${ARTICLE}`);
      const crumbs = blocks[1].itemListElement.map((step: { position: number; name: string; item: string }) => [step.position, step.name, step.item]);
      assert.deepEqual(crumbs, [
        [1, 'Mamas Uncut', `${TEST_SITE_URL}/`],
        [2, 'Celebrity', `${TEST_SITE_URL}/category/celebrity/`],
        [3, seed.article.title, `${TEST_SITE_URL}${ARTICLE}`],
      ]);
    });

    test('needs no JavaScript: the page has no script other than structured data', () => {
      const scripts = $('script').filter((_, s) => $(s).attr('type') !== 'application/ld+json');
      assert.equal(scripts.length, 0);
    });

    test('weighs under 30 KB of HTML and CSS before compression', () => {
      assert.ok(Buffer.byteLength(html) < 30 * 1024, `${Buffer.byteLength(html)} bytes`);
    });

    test('suggests related stories only when there are some, and never the story itself', () => {
      assert.equal($(`aside.related a[href="${ARTICLE}"]`).length, 0);
    });
  });
}
