import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WPAPI from 'wpapi';
import { paragraphs } from '../../src/content/body.js';
import type { NewComment } from '../../src/content/store-comments.js';
import { createPost } from '../../src/operations/create-post.js';
import { applyPostAccess } from '../../src/operations/post-access-settings.js';
import { ENGINES, skipUnless } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';
import { TEST_SITE_URL } from '../helpers/server.js';
import { startWpSite, stopWpSite, type WpSite } from './fixture.js';

type Json = Record<string, any>;

for (const engine of ENGINES) {
  describe(`/wp-json/wp/v2/comments (${engine})`, { skip: await skipUnless(engine) }, () => {
    let site: WpSite;
    let wp: WPAPI;
    type Name = 'first' | 'reply' | 'pending' | 'spam' | 'ping' | 'sneaky' | 'onPage' | 'onGuarded' | 'onPending';
    const ids = {} as Record<Name, number>;
    const posts = { discussed: 0, guarded: 0 };

    async function get(path: string) {
      const response = await site.server.get(`/wp-json${path}`);
      return { response, body: (await response.json()) as any };
    }

    function comment(postId: number, fields: Partial<NewComment>): NewComment {
      return {
        postId,
        parentId: null,
        kind: 'comment',
        status: 'approved',
        authorName: 'A reader',
        authorEmail: 'reader@example.com',
        authorUrl: null,
        userId: null,
        content: 'A comment.',
        createdAt: '2026-11-19T12:00:00.000Z',
        ...fields,
      };
    }

    before(async () => {
      site = await startWpSite(engine);
      wp = new WPAPI({ endpoint: `${site.server.url}/wp-json` });
      const { store } = site.t;
      const context = { store, clock: testClock() };
      const base = { status: 'published', body: paragraphs(['Words.']), authorIds: [site.basics.authorId], publishedAt: '2026-11-18T00:00:00.000Z' };
      posts.discussed = (await createPost(context, { ...base, title: 'Discussed story' })).id;
      posts.guarded = (await createPost(context, { ...base, title: 'Guarded story' })).id;
      await applyPostAccess(store, posts.guarded, { password: 'letmein', isSticky: false });
      const add = async (name: Name, postId: number, fields: Partial<NewComment>) => (ids[name] = (await store.comments.insert(comment(postId, fields))).id);
      await add('first', posts.discussed, { authorName: 'Alice', authorUrl: 'https://alice.example/', content: 'Great piece about zebras', createdAt: '2026-11-19T10:00:00.000Z' });
      await add('reply', posts.discussed, { parentId: ids.first, authorName: 'Bob', content: 'Agreed.', createdAt: '2026-11-19T11:00:00.000Z' });
      await add('pending', posts.discussed, { status: 'pending', content: 'Held back', createdAt: '2026-11-19T12:00:00.000Z' });
      await add('spam', posts.discussed, { status: 'spam', content: 'Buy now', createdAt: '2026-11-19T12:30:00.000Z' });
      await add('ping', posts.discussed, { kind: 'pingback', authorName: 'Another blog', content: '[…]', createdAt: '2026-11-19T13:00:00.000Z' });
      await add('sneaky', posts.discussed, {
        authorName: 'Mallory',
        authorUrl: 'javascript:alert(1)',
        authorEmail: 'mallory@example.com',
        content: 'Look <script>alert(1)</script><a href="javascript:x()" onclick="y()">here</a>',
        createdAt: '2026-11-19T14:00:00.000Z',
      });
      await add('onPage', site.pageId, { authorName: 'Page reader', content: 'About the page', createdAt: '2026-11-19T09:00:00.000Z' });
      await add('onGuarded', posts.guarded, { authorName: 'Insider', content: 'Behind the password', createdAt: '2026-11-19T15:00:00.000Z' });
      await add('onPending', site.draftId, { authorName: 'Early', content: 'On a post not out yet', createdAt: '2026-11-19T16:00:00.000Z' });
    });
    after(() => stopWpSite(site));

    test('lists the approved comments of public, open posts, newest first, with the totals', async () => {
      const comments = await wp.comments();
      assert.deepEqual(comments.map((c) => c.id), [ids.sneaky, ids.reply, ids.first, ids.onPage]);
      assert.equal(comments._paging?.total, 4);
    });

    test('a comment has WordPress’s shape, and never its author’s email', async () => {
      const { response, body } = await get(`/wp/v2/comments?include=${ids.first}`);
      assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=60(, |$)/);
      const [first] = body as Json[];
      assert.ok(first);
      assert.equal(first.id, ids.first);
      assert.equal(first.post, posts.discussed);
      assert.equal(first.parent, 0);
      assert.equal(first.author, 0);
      assert.equal(first.author_name, 'Alice');
      assert.equal(first.author_url, 'https://alice.example/');
      assert.equal(first.date, '2026-11-19T10:00:00');
      assert.equal(first.date_gmt, '2026-11-19T10:00:00');
      assert.equal(first.content.rendered, '<p>Great piece about zebras</p>\n');
      assert.equal(first.link, `${TEST_SITE_URL}/discussed-story/#comment-${ids.first}`);
      assert.equal(first.status, 'approved');
      assert.equal(first.type, 'comment');
      assert.equal(first._links.up[0].href, `${TEST_SITE_URL}/wp-json/wp/v2/posts/${posts.discussed}`);
      const all = JSON.stringify((await get('/wp/v2/comments?per_page=100')).body);
      assert.ok(!all.includes('@example.com'), 'no email anywhere');
    });

    test('sends a comment’s content through the strict sanitiser, and an unsafe author address as none', async () => {
      const [sneaky] = (await get(`/wp/v2/comments?include=${ids.sneaky}`)).body as Json[];
      assert.equal(sneaky!.author_url, '');
      assert.ok(!/script|javascript|onclick/.test(sneaky!.content.rendered), sneaky!.content.rendered);
      assert.match(sneaky!.content.rendered, /Look/);
    });

    test('filters by post and by parent; parent 0 is the comments that reply to none', async () => {
      assert.deepEqual((await wp.comments().post(posts.discussed)).map((c) => c.id), [ids.sneaky, ids.reply, ids.first]);
      assert.deepEqual((await wp.comments().parent(ids.first)).map((c) => c.id), [ids.reply]);
      assert.deepEqual((await wp.comments().post(posts.discussed).parent(0)).map((c) => c.id), [ids.sneaky, ids.first]);
    });

    test('pages with X-WP-Total, X-WP-TotalPages and Link, and refuses a page past the end', async () => {
      const { response, body } = await get('/wp/v2/comments?per_page=3');
      assert.equal(body.length, 3);
      assert.equal(response.headers.get('x-wp-total'), '4');
      assert.equal(response.headers.get('x-wp-totalpages'), '2');
      assert.match(response.headers.get('link')!, /<[^>]*\/wp-json\/wp\/v2\/comments\?per_page=3&page=2>; rel="next"/);
      const second = await wp.comments().perPage(3).page(2);
      assert.deepEqual(second.map((c) => c.id), [ids.onPage]);
      const past = await get('/wp/v2/comments?per_page=3&page=3');
      assert.equal(past.response.status, 400);
      assert.equal(past.body.code, 'rest_comment_invalid_page_number');
      assert.equal((await get('/wp/v2/comments?per_page=101')).body.code, 'rest_invalid_param');
    });

    test('orders, searches and filters by date as WordPress does', async () => {
      assert.deepEqual((await wp.comments().order('asc')).map((c) => c.id), [ids.onPage, ids.first, ids.reply, ids.sneaky]);
      const byId = (await wp.comments().orderby('id').order('asc')).map((c) => c.id);
      assert.deepEqual(byId, [...byId].sort((a, b) => a - b));
      assert.deepEqual((await wp.comments().search('ZEBRA')).map((c) => c.id), [ids.first]);
      assert.deepEqual((await wp.comments().search('bob')).map((c) => c.id), [ids.reply]);
      assert.deepEqual((await wp.comments().search('%')).map((c) => c.id), []);
      assert.deepEqual((await get('/wp/v2/comments?after=2026-11-19T10:30:00Z&before=2026-11-19T13:30:00Z')).body.map((c: Json) => c.id), [ids.reply]);
      assert.equal((await get('/wp/v2/comments?orderby=karma')).response.status, 400);
    });

    test('_fields keeps only the fields named', async () => {
      const { body } = await get(`/wp/v2/comments?include=${ids.first}&_fields=id,author_name`);
      assert.deepEqual(body, [{ id: ids.first, author_name: 'Alice' }]);
    });

    test('_embed brings each comment’s post under `up`', async () => {
      const { body } = await get(`/wp/v2/comments?post=${site.pageId}&_embed`);
      const up = body[0]._embedded.up[0];
      assert.equal(up.id, site.pageId);
      assert.equal(up.type, 'page');
      assert.equal(up.title.rendered, 'About us');
    });

    test('one comment by id, and WordPress’s answers for what a reader may not see', async () => {
      const one = await get(`/wp/v2/comments/${ids.reply}`);
      assert.equal(one.response.status, 200);
      assert.equal(one.body.parent, ids.first);
      assert.equal(one.body._links['in-reply-to'][0].href, `${TEST_SITE_URL}/wp-json/wp/v2/comments/${ids.first}`);
      for (const name of ['pending', 'spam', 'onGuarded', 'onPending'] as const) {
        const refused = await get(`/wp/v2/comments/${ids[name]}`);
        assert.equal(refused.response.status, 401, name);
        assert.equal(refused.body.code, 'rest_cannot_read', name);
      }
      const missing = await get('/wp/v2/comments/999999');
      assert.equal(missing.response.status, 404);
      assert.equal(missing.body.code, 'rest_comment_invalid_id');
    });

    test('a protected post’s comments need its password, and the post named alone', async () => {
      for (const path of [`/wp/v2/comments?post=${posts.guarded}`, `/wp/v2/comments?post=${posts.guarded}&password=wrong`, `/wp/v2/comments?post=${posts.guarded},${posts.discussed}&password=letmein`]) {
        const { response, body } = await get(path);
        assert.equal(response.status, 401, path);
        assert.equal(body.code, 'rest_cannot_read_post', path);
      }
      const opened = await wp.comments().post(posts.guarded).password('letmein');
      assert.deepEqual(opened.map((c) => c.id), [ids.onGuarded]);
      const one = await get(`/wp/v2/comments/${ids.onGuarded}?password=letmein`);
      assert.equal(one.response.status, 200);
      assert.equal(one.response.headers.get('cache-control'), 'private, no-store');
      assert.equal((await get(`/wp/v2/comments?post=${site.draftId}`)).body.code, 'rest_cannot_read_post');
    });

    test('pingbacks and other statuses are not for readers who are not signed in', async () => {
      for (const [param, value] of [['type', 'pingback'], ['status', 'hold']]) {
        const { response, body } = await get(`/wp/v2/comments?${param}=${value}`);
        assert.equal(response.status, 401);
        assert.deepEqual(body, { code: 'rest_forbidden_param', message: `Query parameter not permitted: ${param}`, data: { status: 401 } });
      }
    });

    test('a post embeds its replies, linked as WordPress links them', async () => {
      const post = await wp.posts().id(posts.discussed).embed();
      assert.equal(post._links.replies[0].href, `${TEST_SITE_URL}/wp-json/wp/v2/comments?post=${posts.discussed}`);
      const replies = post._embedded.replies[0] as Json[];
      assert.deepEqual(replies.map((c) => c.id), [ids.sneaky, ids.reply, ids.first]);
      assert.equal(replies[0]!.post, undefined, 'embedded comments carry the embed fields only');
      const guarded = (await get(`/wp/v2/posts/${posts.guarded}?_embed`)).body;
      assert.deepEqual(guarded._embedded.replies, [[]]);
    });

    test('the index lists the comments routes', async () => {
      const { body } = await get('/');
      assert.ok(body.routes['/wp/v2/comments']);
      assert.ok(body.routes['/wp/v2/comments/(?P<id>[\\d]+)']);
    });
  });
}
