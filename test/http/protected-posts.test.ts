import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { paragraphs } from '../../src/content/body.js';
import type { Post } from '../../src/content/types.js';
import { refreshPostComments } from '../../src/operations/comments/render-comments.js';
import { createPost } from '../../src/operations/create-post.js';
import { updatePost } from '../../src/operations/editorial/update-post.js';
import { applyPostAccess } from '../../src/operations/post-access-settings.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { startServer, TEST_SITE_URL, type RunningServer } from '../helpers/server.js';
import { createNewsroom, createPicture, type Newsroom } from '../operations/editorial/newsroom.js';

const PASSWORD = 'open sesame';
const NOTICE = 'There is no excerpt because this is a protected post.';
/** Words only the protected story has: none of them may reach a reader without the password. */
const SECRETS = ['zanzibar', 'A secret excerpt', 'Secret Source', 'Whispered reply'];

function assertNoSecrets(text: string, where: string) {
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${where} shows “${secret}”`);
}

for (const engine of ENGINES) {
  describe(`password-protected posts (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let newsroom: Newsroom;
    let secret: Post;

    const form = (password: string) =>
      server.get('/secret-story/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ post_password: password }).toString() });

    async function unlockCookie(): Promise<string> {
      const response = await form(PASSWORD);
      assert.equal(response.status, 303);
      return response.headers.get('set-cookie')!.split(';')[0]!;
    }

    before(async () => {
      t = await createTestStore(engine);
      await t.store.settings.put({ ampEnabled: true });
      newsroom = await createNewsroom(t.store);
      const { basics } = newsroom;
      const picture = await createPicture(t.store, { alt: 'A secret picture' });
      secret = await createPost(
        { store: t.store, clock: testClock() },
        {
          status: 'published',
          title: 'Secret story',
          excerpt: 'A secret excerpt',
          body: paragraphs(['The hidden words are zanzibar and more.']),
          featuredMediaId: picture.id,
          sources: [{ name: 'Secret Source' }],
          authorIds: [basics.authorId],
          categoryId: basics.categoryId,
          tagIds: [basics.tagId],
          publishedAt: '2026-11-20T10:00:00.000Z',
        },
      );
      await createPost(
        { store: t.store, clock: testClock() },
        { status: 'published', title: 'Open story', body: paragraphs(['Anyone may read this.']), authorIds: [basics.authorId], categoryId: basics.categoryId, publishedAt: '2026-11-20T09:00:00.000Z' },
      );
      await t.store.comments.insert({
        postId: secret.id,
        parentId: null,
        kind: 'comment',
        status: 'approved',
        authorName: 'Insider',
        authorEmail: null,
        authorUrl: null,
        userId: null,
        content: 'Whispered reply',
        createdAt: '2026-11-20T11:00:00.000Z',
      });
      await refreshPostComments(t.store, secret.id);
      await applyPostAccess(t.store, secret.id, { password: PASSWORD, isSticky: false });
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('shows the title, byline and WordPress’s password form instead of the story and its comments', async () => {
      const response = await server.get('/secret-story/');
      assert.equal(response.status, 200);
      const html = await response.text();
      const $ = cheerio.load(html);
      assert.equal($('article.article h1').text(), 'Secret story');
      assert.match($('article.article .byline').text(), /Ada Reporter/);
      const passwordForm = $('form.post-password-form');
      assert.equal(passwordForm.attr('method'), 'post');
      assert.equal(passwordForm.attr('action'), '/secret-story/');
      assert.equal(passwordForm.find('p').first().text(), 'This content is password protected. To view it please enter your password below:');
      const input = passwordForm.find('input[name="post_password"]');
      assert.equal(input.attr('type'), 'password');
      assert.equal(passwordForm.find(`label[for="${input.attr('id')}"]`).text(), 'Password:');
      assert.equal(passwordForm.find('button[type="submit"]').text(), 'Enter');
      assert.equal($('.discussion').length, 0);
      assert.equal($('article.article img').length, 0, 'no featured picture');
      assertNoSecrets(html, 'the locked page');
    });

    test('is never kept by a cache, locked or not', async () => {
      assert.equal((await server.get('/secret-story/')).headers.get('cache-control'), 'private, no-store');
      assert.equal((await server.get('/secret-story/', { headers: { cookie: await unlockCookie() } })).headers.get('cache-control'), 'private, no-store');
    });

    test('gives nothing of the story away in its head: description, sharing tags, structured data', async () => {
      const $ = cheerio.load(await (await server.get('/secret-story/')).text());
      assertNoSecrets($('head').html()!, 'the head');
      assert.equal($('meta[name="description"]').attr('content'), NOTICE);
      assert.equal($('meta[property="og:image"]').length, 0);
      assert.equal($('link[rel="amphtml"]').length, 0, 'no mobile version to point to');
      const article = $('script[type="application/ld+json"]')
        .map((_, s) => JSON.parse($(s).text()))
        .get()
        .find((block: Record<string, unknown>) => block['@type'] === 'NewsArticle');
      assert.ok(article);
      assert.equal(article.articleBody, undefined);
      assert.equal(article.image, undefined);
      assert.equal(article.description, NOTICE);
    });

    test('a wrong password shows the form again, saying so, and sets no cookie', async () => {
      const response = await form('sesame?');
      assert.equal(response.status, 403);
      assert.equal(response.headers.get('set-cookie'), null);
      const html = await response.text();
      const $ = cheerio.load(html);
      const error = $('.post-password-form-invalid-password');
      assert.equal(error.attr('role'), 'alert');
      assert.equal(error.text(), 'Invalid password.');
      assert.equal($('input[name="post_password"]').attr('aria-describedby'), error.find('p').attr('id'));
      assertNoSecrets(html, 'the refusal');
    });

    test('the right password sets a cookie made from it, for 10 days, and sends the reader back to the page', async () => {
      const response = await form(PASSWORD);
      assert.equal(response.status, 303);
      assert.equal(response.headers.get('location'), '/secret-story/');
      const cookie = response.headers.get('set-cookie')!;
      const [pair, ...attributes] = cookie.split(/;\s*/);
      const [name, value] = pair!.split('=');
      assert.equal(name, `masthead_postpass_${secret.id}`);
      assert.ok(value && value.length >= 40);
      for (const form of [PASSWORD, encodeURIComponent(PASSWORD), 'open', 'sesame']) assert.ok(!value.includes(form), 'the cookie does not hold the password');
      assert.deepEqual(attributes.sort(), ['HttpOnly', 'Max-Age=864000', 'Path=/', 'SameSite=Lax']);
    });

    test('with the cookie the whole story shows, with its comments', async () => {
      const html = await (await server.get('/secret-story/', { headers: { cookie: await unlockCookie() } })).text();
      const $ = cheerio.load(html);
      assert.match($('.article-body').text(), /zanzibar/);
      assert.equal($('form.post-password-form').length, 0);
      assert.match($('.discussion').text(), /Whispered reply/);
      assert.match($('.sources').text(), /Secret Source/);
    });

    test('a made-up cookie, or another post’s, opens nothing', async () => {
      const forged = `masthead_postpass_${secret.id}=${'A'.repeat(43)}`;
      const valid = (await unlockCookie()).split('=')[1];
      for (const cookie of [forged, `masthead_postpass_${secret.id + 1}=${valid}`, `masthead_postpass_${secret.id}=${PASSWORD}`]) {
        const html = await (await server.get('/secret-story/', { headers: { cookie } })).text();
        assertNoSecrets(html, cookie);
        assert.equal(cheerio.load(html)('form.post-password-form').length, 1);
      }
    });

    test('leaves the story out of every list: the card shows WordPress’s notice, and no picture', async () => {
      for (const path of ['/', '/category/showbiz/', '/tag/politics/']) {
        const html = await (await server.get(path)).text();
        assertNoSecrets(html, path);
        const $ = cheerio.load(html);
        const card = $('a[href="/secret-story/"]').first().closest('li.teaser, article.lead');
        assert.equal(card.length, 1, path);
        assert.match(card.text(), new RegExp(NOTICE.replace('.', '\\.')));
        assert.equal(card.find('img').length, 0, path);
      }
    });

    test('search does not find it by the words of its story', async () => {
      for (const words of ['zanzibar', 'secret']) {
        const $ = cheerio.load(await (await server.get(`/?s=${words}`)).text());
        assert.equal($('a[href="/secret-story/"]').length, 0, words);
      }
    });

    test('feeds carry its summary notice, not its story', async () => {
      for (const path of ['/feed/', '/feed/atom/', '/feed.json']) {
        const text = await (await server.get(path)).text();
        assert.ok(text.includes('secret-story'), `${path} lists it`);
        assertNoSecrets(text, path);
      }
      const feed = JSON.parse(await (await server.get('/feed.json')).text()) as { items: Array<Record<string, unknown>> };
      const item = feed.items.find((entry) => entry.url === `${TEST_SITE_URL}/secret-story/`)!;
      assert.equal(item.content_html, undefined);
      assert.equal(item.content_text, NOTICE);
    });

    test('has no mobile version: its AMP addresses answer 301 to the page', async () => {
      for (const path of ['/secret-story/amp/', '/secret-story/?amp=1']) {
        const response = await server.get(path);
        assert.equal(response.status, 301, path);
        assert.equal(response.headers.get('location'), '/secret-story/');
      }
    });

    test('the sitemap lists its address', async () => {
      const xml = await (await server.get('/sitemap-posts-1.xml')).text();
      assert.ok(xml.includes(`${TEST_SITE_URL}/secret-story/`));
      assertNoSecrets(xml, 'the sitemap');
    });

    test('the REST API gives its content and excerpt empty, marked protected, unless the password is given', async () => {
      const json = async (path: string) => {
        const response = await server.get(`/wp-json/wp/v2/${path}`);
        return { response, body: (await response.json()) as any };
      };
      const listed = (await json('posts?per_page=100')).body.find((post: { id: number }) => post.id === secret.id);
      const one = (await json(`posts/${secret.id}`)).body;
      for (const post of [listed, one]) {
        assert.deepEqual(post.content, { rendered: '', protected: true });
        assert.deepEqual(post.excerpt, { rendered: '', protected: true });
        assertNoSecrets(JSON.stringify(post), 'the REST API');
      }
      const opened = await json(`posts/${secret.id}?password=${encodeURIComponent(PASSWORD)}`);
      assert.equal(opened.response.headers.get('cache-control'), 'private, no-store');
      assert.match(opened.body.content.rendered, /zanzibar/);
      assert.equal(opened.body.content.protected, true);
      assert.match(opened.body.excerpt.rendered, /A secret excerpt/);
      const wrong = await json(`posts/${secret.id}?password=nope`);
      assert.equal(wrong.response.status, 403);
      assert.equal(wrong.body.code, 'rest_post_incorrect_password');
      assert.deepEqual((await json('posts?search=zanzibar')).body, []);
      assert.deepEqual((await json('search?search=zanzibar')).body, []);
    });

    test('a newsroom save renders it again, still protected', async () => {
      const current = (await t.store.posts.findById(secret.id))!;
      await updatePost(newsroom.as(newsroom.editor), { id: secret.id, revision: current.revision, body: paragraphs(['Now the words are zanzibar and kilimanjaro.']) });
      const html = await (await server.get('/secret-story/')).text();
      assert.ok(!html.includes('kilimanjaro'));
      assert.equal(cheerio.load(html)('form.post-password-form').length, 1);
      assert.match(await (await server.get('/secret-story/', { headers: { cookie: await unlockCookie() } })).text(), /kilimanjaro/);
      assert.equal((await t.store.posts.findById(secret.id))!.password, PASSWORD);
    });

    test('a new password closes it to the old cookie', async () => {
      const cookie = await unlockCookie();
      await applyPostAccess(t.store, secret.id, { password: 'new words', isSticky: false });
      const html = await (await server.get('/secret-story/', { headers: { cookie } })).text();
      assertNoSecrets(html, 'the page with a stale cookie');
      await applyPostAccess(t.store, secret.id, { password: PASSWORD, isSticky: false });
    });

    test('the Secure flag is set when the page came over HTTPS', async () => {
      const proxied = await startServer({ store: t.store, dataDir: t.dataDir, env: { TRUST_PROXY: '1' } });
      try {
        const response = await proxied.get('/secret-story/', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-proto': 'https' },
          body: `post_password=${encodeURIComponent(PASSWORD)}`,
        });
        assert.match(response.headers.get('set-cookie')!, /; Secure(;|$)/);
      } finally {
        await proxied.close();
      }
    });

    test('taking the password away shows the story to everyone again', async () => {
      await applyPostAccess(t.store, secret.id, { password: null, isSticky: false });
      const response = await server.get('/secret-story/');
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=60(, |$)/);
      const $ = cheerio.load(await response.text());
      assert.match($('.article-body').text(), /zanzibar/);
      assert.match($('.discussion').text(), /Whispered reply/);
      assert.equal($('meta[name="description"]').attr('content'), 'A secret excerpt');
      await applyPostAccess(t.store, secret.id, { password: PASSWORD, isSticky: false });
    });

    test('a form posted to an open post only sends the reader back, and to no post a 404', async () => {
      const open = await server.get('/open-story/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'post_password=x' });
      assert.equal(open.status, 303);
      assert.equal(open.headers.get('set-cookie'), null);
      const missing = await server.get('/no-such-story/', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'post_password=x' });
      assert.equal(missing.status, 404);
    });
  });
}
