import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, skipUnless } from '../helpers/engines.js';
import { TEST_SITE_URL } from '../helpers/server.js';
import { PUBLIC_ARTICLES, REFERENCE_SLUG, startWpSite, stopWpSite, type WpSite } from './fixture.js';

type Json = any;

for (const engine of ENGINES) {
  describe(`/wp-json/ (${engine})`, { skip: await skipUnless(engine) }, () => {
    let site: WpSite;
    const get = async (path: string) => {
      const response = await site.server.get(`/wp-json${path}`);
      return { response, body: (await response.json()) as Json };
    };

    before(async () => {
      site = await startWpSite(engine);
    });
    after(() => stopWpSite(site));

    test('discovery names the site, its address and the wp/v2 namespace', async () => {
      const { response, body } = await get('/');
      assert.equal(response.status, 200);
      assert.equal(body.url, TEST_SITE_URL);
      assert.equal(body.home, TEST_SITE_URL);
      assert.equal(typeof body.name, 'string');
      assert.deepEqual(body.namespaces, ['wp/v2']);
      assert.ok(body.routes['/wp/v2/posts']);
    });

    test('a listing carries the totals, Link rel prev and next, and a one-minute cache', async () => {
      const { response, body } = await get('/wp/v2/posts?per_page=4&page=2&categories=' + site.basics.categoryId);
      assert.equal(body.length, 4);
      assert.equal(response.headers.get('x-wp-total'), '12');
      assert.equal(response.headers.get('x-wp-totalpages'), '3');
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=60(, |$)/);
      const link = response.headers.get('link') ?? '';
      assert.match(link, new RegExp(`<${TEST_SITE_URL}/wp-json/wp/v2/posts\\?per_page=4&page=1&categories=${site.basics.categoryId}>; rel="prev"`));
      assert.match(link, /page=3[^>]*>; rel="next"/);
    });

    test('drafts and scheduled stories are never listed, found by id, or counted', async () => {
      const { response, body } = await get('/wp/v2/posts?per_page=100');
      assert.equal(response.headers.get('x-wp-total'), String(PUBLIC_ARTICLES));
      const ids = body.map((post: Json) => post.id);
      assert.ok(!ids.includes(site.draftId) && !ids.includes(site.scheduledId));
      for (const id of [site.draftId, site.scheduledId]) {
        const one = await get(`/wp/v2/posts/${id}`);
        assert.equal(one.response.status, 404);
        assert.deepEqual(one.body, { code: 'rest_post_invalid_id', message: 'Invalid post ID.', data: { status: 404 } });
      }
      assert.equal((await get('/wp/v2/posts?status=draft')).response.status, 400);
    });

    test('per_page out of range is WordPress\'s rest_invalid_param', async () => {
      for (const value of ['0', '101', 'ten']) {
        const { response, body } = await get(`/wp/v2/posts?per_page=${value}`);
        assert.equal(response.status, 400);
        assert.equal(body.code, 'rest_invalid_param');
        assert.equal(body.data.status, 400);
        assert.ok(body.data.params.per_page);
      }
    });

    test('a page past the end is rest_post_invalid_page_number', async () => {
      const { response, body } = await get('/wp/v2/posts?per_page=10&page=3');
      assert.equal(response.status, 400);
      assert.equal(body.code, 'rest_post_invalid_page_number');
    });

    test('_fields keeps only the fields named', async () => {
      const { body } = await get('/wp/v2/posts?per_page=2&_fields=id,title');
      assert.deepEqual(Object.keys(body[0]).sort(), ['id', 'title']);
    });

    test('a post has WordPress\'s shape, with its links', async () => {
      const [post] = (await get(`/wp/v2/posts?slug=${REFERENCE_SLUG}`)).body;
      assert.equal(post.type, 'post');
      assert.equal(post.status, 'publish');
      assert.equal(post.sticky, false);
      assert.equal(post.format, 'standard');
      assert.match(post.date_gmt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
      assert.equal(post._links.self[0].href, `${TEST_SITE_URL}/wp-json/wp/v2/posts/${post.id}`);
      assert.equal(post._links['wp:featuredmedia'][0].href, `${TEST_SITE_URL}/wp-json/wp/v2/media/${post.featured_media}`);
      const terms = (await get(`/wp/v2/tags?post=${post.id}`)).body.map((tag: Json) => tag.id).sort();
      assert.deepEqual(terms, [...post.tags].sort());
    });

    test('filters by tag, author, search, dates and order', async () => {
      const byTag = await get(`/wp/v2/posts?tags[]=${site.basics.tagId}&per_page=100`);
      assert.equal(byTag.body.length, 12);
      const byAuthor = await get(`/wp/v2/posts?author=${site.basics.authorId}&per_page=100`);
      assert.equal(byAuthor.body.length, 12);
      const found = await get('/wp/v2/posts?search=Legend');
      assert.deepEqual(found.body.map((post: Json) => post.slug), [REFERENCE_SLUG]);
      const oldest = await get('/wp/v2/posts?orderby=date&order=asc&per_page=1');
      assert.equal(oldest.body[0].slug, 'story-number-12');
      const recent = await get('/wp/v2/posts?after=2026-11-20T09:30:00Z&per_page=100');
      assert.deepEqual(recent.body.map((post: Json) => post.slug).filter((slug: string) => slug.startsWith('story')), ['story-number-1', 'story-number-2']);
    });

    test('pages list only pages', async () => {
      const { body } = await get('/wp/v2/pages');
      assert.deepEqual(body.map((page: Json) => page.id), [site.pageId]);
      assert.equal(body[0].type, 'page');
      assert.equal((await get(`/wp/v2/pages/${site.pageId}`)).body.id, site.pageId);
    });

    test('users are authors without their email, with their author page', async () => {
      const { body } = await get(`/wp/v2/users/${site.basics.authorId}`);
      assert.equal(body.name, 'Ada Reporter');
      assert.equal(body.link, `${TEST_SITE_URL}/author/ada/`);
      assert.equal(body.email, undefined);
      assert.ok(!JSON.stringify(body).includes('@'));
    });

    test('media show the caption with its credit and an absolute source', async () => {
      const { response, body } = await get('/wp/v2/media?per_page=100');
      assert.equal(response.status, 200);
      assert.ok(body.length > 0);
      const credited = body.find((media: Json) => media.caption.rendered.includes('<cite>'));
      assert.ok(credited, 'a picture carries its credit in the caption');
      assert.equal(credited.media_type, 'image');
      assert.ok(credited.source_url.startsWith(`${TEST_SITE_URL}/media/`));
      assert.ok(credited.media_details.width > 0);
    });

    test('categories are searched by name, wildcards taken literally', async () => {
      assert.deepEqual((await get('/wp/v2/categories?search=SHOW')).body.map((category: Json) => category.id), [site.basics.categoryId]);
      assert.deepEqual((await get('/wp/v2/categories?search=%25')).body, []);
      assert.deepEqual((await get('/wp/v2/tags?search=_')).body, []);
    });

    test('search finds posts and pages', async () => {
      const { body } = await get('/wp/v2/search?search=magazine');
      assert.deepEqual(body.map((hit: Json) => [hit.id, hit.subtype]), [[site.pageId, 'page']]);
    });

    test('an unknown route is rest_no_route', async () => {
      for (const path of ['/wp/v2/plugins', '/wp/v2/posts/abc']) {
        const { response, body } = await get(path);
        assert.equal(response.status, 404, path);
        assert.equal(body.code, 'rest_no_route', path);
      }
    });

    test('a page of posts with _embed costs the same few queries for 5 posts as for 1', async () => {
      site.queries.length = 0;
      await get('/wp/v2/posts?per_page=1&_embed');
      const forOne = site.queries.length;
      site.queries.length = 0;
      await get('/wp/v2/posts?per_page=5&_embed');
      assert.equal(site.queries.length, forOne);
      // The page, its count, its authors' profiles and its replies.
      assert.ok(forOne <= 4, `${forOne} queries`);
    });
  });
}
