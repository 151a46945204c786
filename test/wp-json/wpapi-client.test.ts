import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WPAPI from 'wpapi';
import { ENGINES, skipUnless } from '../helpers/engines.js';
import { TEST_SITE_URL } from '../helpers/server.js';
import { PUBLIC_ARTICLES, REFERENCE_SLUG, startWpSite, stopWpSite, type WpSite } from './fixture.js';

for (const engine of ENGINES) {
  describe(`the wpapi client against /wp-json/ (${engine})`, { skip: await skipUnless(engine) }, () => {
    let site: WpSite | undefined;
    let wp: WPAPI;

    before(async () => {
      site = await startWpSite(engine);
      wp = new WPAPI({ endpoint: `${site.server.url}/wp-json` });
    });
    after(() => stopWpSite(site));

    test('lists posts five at a time, with the totals and the second page', async () => {
      const second = await wp.posts().perPage(5).page(2);
      assert.equal(second.length, 5);
      assert.equal(second._paging?.total, PUBLIC_ARTICLES);
      assert.equal(second._paging?.totalPages, 3);
      const first = await wp.posts().perPage(5).page(1);
      const firstIds = new Set(first.map((post) => post.id));
      assert.ok(second.every((post) => !firstIds.has(post.id)), 'page 2 repeats no story of page 1');
      assert.ok(Date.parse(first.at(-1)!.date_gmt + 'Z') >= Date.parse(second[0]!.date_gmt + 'Z'), 'newest first');
    });

    test('fetches the reference article by slug with its author, picture and terms embedded', async () => {
      const [post] = await wp.posts().slug(REFERENCE_SLUG).embed();
      assert.ok(post);
      assert.equal(post.slug, REFERENCE_SLUG);
      assert.equal(post.link, `${TEST_SITE_URL}/${REFERENCE_SLUG}/`);
      assert.match(post.title.rendered, /John Legend/);
      assert.ok(!/(src|href)="\/(?!\/)/.test(post.content.rendered), 'every address in the content is absolute');
      assert.ok(post.categories.length > 0 && post.tags.length > 0, 'the reference article has a section and tags');
      const embedded = post._embedded;
      assert.equal(embedded.author[0].id, post.author);
      assert.equal(embedded.author[0].email, undefined);
      assert.equal(embedded['wp:featuredmedia'][0].id, post.featured_media);
      assert.ok(embedded['wp:featuredmedia'][0].source_url.startsWith(`${TEST_SITE_URL}/media/`));
      assert.deepEqual(embedded['wp:term'][0].map((term: { id: number }) => term.id), post.categories);
      assert.deepEqual(embedded['wp:term'][1].map((term: { id: number }) => term.id), post.tags);
    });

    test('lists categories and tags with their public article counts', async () => {
      const categories = await wp.categories();
      const showbiz = categories.find((category) => category.id === site!.basics.categoryId);
      assert.equal(showbiz?.count, 12, 'the draft and the scheduled story are not counted');
      assert.equal(showbiz?.taxonomy, 'category');
      const tags = await wp.tags();
      const politics = tags.find((tag) => tag.id === site!.basics.tagId);
      assert.equal(politics?.count, 12);
      assert.equal(politics?.link, `${TEST_SITE_URL}/tag/${politics?.slug}/`);
    });
  });
}
