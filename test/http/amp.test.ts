import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, seedReference, testClock, type Basics } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { ampValidation } from '../helpers/amp-validator.js';
import { createPost } from '../../src/operations/create-post.js';
import { updateSettings } from '../../src/operations/settings.js';
import { runQueuedJobs } from '../helpers/jobs.js';
import { paragraphs } from '../../src/content/body.js';
import { AMP_CSS_LIMIT } from '../../src/site/amp/amp-styles.js';

const REFERENCE = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';
const validation = await ampValidation();

for (const engine of ENGINES) {
  describe(`the mobile (AMP) version (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;

    async function page(path: string) {
      const response = await server.get(path);
      const text = await response.text();
      return { response, text, $: cheerio.load(text) };
    }

    before(async () => {
      t = await createTestStore(engine);
      await seedReference(t.store, t.dataDir);
      basics = await createBasics(t.store);
      const context = { store: t.store, clock: testClock() };
      await createPost(context, {
        status: 'published',
        title: 'Every kind of embed',
        body: [
          ...paragraphs(['Watch, read and scroll.']),
          { type: 'embed', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', caption: 'The video' },
          { type: 'embed', url: 'https://x.com/johnlegend/status/1234567890123' },
          { type: 'embed', url: 'https://www.instagram.com/p/CxYz12345/' },
          { type: 'embed', url: 'https://www.tiktok.com/@someone/video/7234567890123456789' },
          {
            type: 'html',
            html: '<p>Raw <b>markup</b></p><img src="https://example.com/sized.jpg" width="600" height="400" alt="Sized"><img src="https://example.com/unsized.jpg" alt="Unsized"><picture><source srcset="https://example.com/a.webp"><img src="https://example.com/a.jpg" alt="In a picture"></picture><iframe src="https://example.com/"></iframe>',
          },
        ],
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        publishedAt: '2026-11-19T10:00:00Z',
      });
      await createPost(context, {
        kind: 'page',
        status: 'published',
        title: 'About us',
        body: paragraphs(['We are a magazine.']),
        authorIds: [basics.authorId],
        publishedAt: '2026-01-01T00:00:00Z',
      });
      await updateSettings(context, { ampEnabled: true });
      await runQueuedJobs(t.store, t.dataDir);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('the article links to its AMP version, which links back and shows the figure, credit and quote', async () => {
      const full = await page(`/${REFERENCE}/`);
      assert.equal(full.$('link[rel="amphtml"]').attr('href'), `${TEST_SITE_URL}/${REFERENCE}/amp/`);
      assert.equal(full.$('.mobile-version a').text(), 'Go to mobile version');
      assert.equal(full.$('.mobile-version a').attr('href'), `/${REFERENCE}/amp/`);

      const { response, $, text } = await page(`/${REFERENCE}/amp/`);
      assert.equal(response.status, 200);
      assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal($('html').attr('amp'), '');
      assert.equal($('link[rel="canonical"]').attr('href'), `${TEST_SITE_URL}/${REFERENCE}/`);
      assert.equal($('link[rel="amphtml"]').length, 0, 'an AMP page does not announce itself');
      assert.equal($('h1').text(), 'John Legend Reveals How Politics Ruined His Friendship With Kanye West');

      const figures = $('figure.figure').filter((_, f) => $(f).find('amp-img').length > 0);
      assert.ok(figures.length >= 2, `figures with amp-img: ${figures.length}`);
      const credits = figures.map((_, f) => $(f).find('.credit').text()).get();
      assert.ok(credits.includes('DFree / Shutterstock.com'), credits.join(' | '));
      for (const image of $('amp-img').toArray()) {
        assert.match($(image).attr('width') ?? '', /^\d+$/);
        assert.match($(image).attr('height') ?? '', /^\d+$/);
        assert.equal($(image).attr('layout'), 'responsive');
        assert.ok($(image).attr('alt') !== undefined);
      }
      const quote = $('figure.quote--pull');
      assert.equal(quote.attr('itemtype'), 'https://schema.org/Quotation');
      assert.ok(quote.find('[itemprop="creator"] [itemprop="name"]').text().length > 0, 'the pull quote names its speaker');

      const exit = $('a[rel="noamphtml nofollow"]');
      assert.equal(exit.text(), 'Exit mobile version');
      assert.equal(exit.attr('href'), `${TEST_SITE_URL}/${REFERENCE}/?noamp=mobile`);

      assert.equal($('picture, iframe, form').length, 0, 'AMP pages use amp-img and AMP components only');
      assert.equal($('img').filter((_, img) => $(img).parent('amp-img').length === 0).length, 0, 'an <img> only as an amp-img laid out in advance');
      // Served laid out ("transformed"), as AMP caches serve it: the story shows without waiting for the runtime.
      assert.equal($('html').attr('transformed'), 'self;v=1');
      assert.equal($('style[amp-boilerplate]').length, 0);
      const hero = $('amp-img[data-hero]');
      assert.equal(hero.length, 1);
      assert.equal(hero.children('img').attr('src'), hero.attr('src'));
      const scripts = $('script').toArray().map((s) => $(s).attr('src') ?? $(s).attr('type'));
      assert.deepEqual(scripts.filter((s) => s !== 'application/ld+json'), ['https://cdn.ampproject.org/v0.js'], 'no script of ours, no component not used');
      assert.ok(Buffer.byteLength($('style[amp-custom]').text()) < AMP_CSS_LIMIT);
      assert.equal(JSON.parse($('script[type="application/ld+json"]').first().text())['@type'], 'NewsArticle');

      if (validation.validator) assert.deepEqual(validation.validator.errors(text), []);
    });

    test('embeds become their AMP components, raw markup becomes valid AMP, and only used component scripts load', async () => {
      const { $, text } = await page('/every-kind-of-embed/amp/');
      assert.equal($('amp-youtube').attr('data-videoid'), 'dQw4w9WgXcQ');
      assert.equal($('amp-twitter').attr('data-tweetid'), '1234567890123');
      assert.equal($('amp-instagram').attr('data-shortcode'), 'CxYz12345');
      assert.equal($('amp-tiktok').attr('data-src'), '7234567890123456789');
      const components = $('script[custom-element]').map((_, s) => $(s).attr('custom-element')).get();
      assert.deepEqual(components, ['amp-instagram', 'amp-tiktok', 'amp-twitter', 'amp-youtube']);
      assert.equal($('amp-img[src="https://example.com/sized.jpg"]').attr('width'), '600');
      assert.equal($('amp-img[alt="Unsized"]').length, 0, 'an image without a size cannot be AMP and is left out');
      assert.equal($('iframe, picture, source').length, 0);
      assert.equal($('img').filter((_, img) => $(img).parent('amp-img').length === 0).length, 0);
      if (validation.validator) assert.deepEqual(validation.validator.errors(text), []);
    });

    test('?amp=1 and ?amp serve the AMP page; ?noamp=mobile serves the full page', async () => {
      for (const query of ['?amp=1', '?amp']) {
        const { response, $ } = await page(`/${REFERENCE}/${query}`);
        assert.equal(response.status, 200, query);
        assert.equal($('html').attr('amp'), '', query);
        assert.equal($('link[rel="canonical"]').attr('href'), `${TEST_SITE_URL}/${REFERENCE}/`, query);
      }
      const { response, $ } = await page(`/${REFERENCE}/?noamp=mobile`);
      assert.equal(response.status, 200);
      assert.equal($('html').attr('amp'), undefined);
      assert.equal($('link[rel="canonical"]').attr('href'), `${TEST_SITE_URL}/${REFERENCE}/`);
    });

    test('pages that are not articles have no AMP version; unknown stories are 404', async () => {
      const about = await page('/about-us/');
      assert.equal(about.$('link[rel="amphtml"]').length, 0);
      assert.equal(about.$('.mobile-version').length, 0);
      const amp = await server.get('/about-us/amp/');
      assert.equal(amp.status, 301);
      assert.equal(amp.headers.get('location'), '/about-us/');
      assert.equal((await server.get('/no-such-story/amp/')).status, 404);
      const bare = await server.get(`/${REFERENCE}/amp`);
      assert.equal(bare.status, 301);
      assert.equal(bare.headers.get('location'), `/${REFERENCE}/amp/`);
      const archive = await server.get('/category/showbiz/amp/');
      assert.equal(archive.status, 301);
      assert.equal(archive.headers.get('location'), '/category/showbiz/');
    });

    test('with the setting off, every old AMP address answers 301 to the article and pages stop announcing it', async () => {
      await updateSettings({ store: t.store, clock: testClock() }, { ampEnabled: false });
      await runQueuedJobs(t.store, t.dataDir);
      await server.app.site.reload();
      try {
        for (const path of [`/${REFERENCE}/amp/`, `/${REFERENCE}/?amp`, `/${REFERENCE}/?amp=1`]) {
          const response = await server.get(path);
          assert.equal(response.status, 301, path);
          assert.equal(response.headers.get('location'), `/${REFERENCE}/`, path);
        }
        const full = await page(`/${REFERENCE}/`);
        assert.equal(full.$('link[rel="amphtml"]').length, 0, 'the stored head was rendered again without the link');
        assert.equal(full.$('.mobile-version').length, 0);
      } finally {
        await updateSettings({ store: t.store, clock: testClock() }, { ampEnabled: true });
        await runQueuedJobs(t.store, t.dataDir);
        await server.app.site.reload();
      }
    });
  });
}

describe('the AMP validator', { skip: validation.skip }, () => {
  test('reports an invalid page, so the checks above can fail', () => {
    const errors = validation.validator!.errors('<!doctype html><html amp lang="en"><head><meta charset="utf-8"><title>x</title></head><body><img src="a.jpg"></body></html>');
    assert.ok(errors.length > 0);
  });
});
