import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { paragraphs } from '../../src/content/body.js';
import type { NewComment } from '../../src/content/store-comments.js';
import { refreshPostComments } from '../../src/operations/comments/render-comments.js';
import { createPost } from '../../src/operations/create-post.js';
import { updateSettings } from '../../src/operations/settings.js';
import { runQueuedJobs } from '../helpers/jobs.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createBasics, testClock, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { ampValidation } from '../helpers/amp-validator.js';

const validation = await ampValidation();

for (const engine of ENGINES) {
  describe(`comments on the article page (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let server: RunningServer;
    let basics: Basics;
    const queries: string[] = [];
    const ids: Record<string, number> = {};

    async function article(slug: string) {
      const response = await server.get(`/${slug}/`);
      assert.equal(response.status, 200);
      return cheerio.load(await response.text());
    }

    async function publish(title: string) {
      return createPost(
        { store: t.store, clock: testClock() },
        { status: 'published', title, body: paragraphs([`The story of ${title}.`]), authorIds: [basics.authorId], categoryId: basics.categoryId, publishedAt: '2026-11-19T10:00:00.000Z' },
      );
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
      t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
      basics = await createBasics(t.store);
      await t.store.settings.put({ timezone: 'America/New_York', ampEnabled: true });
      const post = await publish('Talked about');
      await publish('Nobody said a word');
      const add = async (name: string, fields: Partial<NewComment>) => (ids[name] = (await t.store.comments.insert(comment(post.id, fields))).id);
      await add('first', { authorName: 'Alice', authorUrl: 'https://alice.example', content: 'First paragraph.\n\nSecond paragraph,\nwith a break.', createdAt: '2026-11-20T03:30:00.000Z' });
      await add('reply', {
        parentId: ids.first,
        authorName: 'Bob',
        authorUrl: 'javascript:alert(1)',
        content: '<script>alert("x")</script><p><b>Bold</b> <a href="javascript:alert(2)">bad link</a> <a href="https://ok.example/" class="big" onclick="steal()" title="t">good link</a><img src="https://evil.example/pixel.gif"></p>',
        createdAt: '2026-11-20T04:00:00.000Z',
      });
      await add('pending', { parentId: ids.first, status: 'pending', authorName: 'Held', content: 'Waiting for moderation', createdAt: '2026-11-20T05:00:00.000Z' });
      await add('orphan', { parentId: ids.pending, authorName: 'Carol', authorUrl: 'ftp://carol.example/', content: 'Replying to a held comment', createdAt: '2026-11-20T06:00:00.000Z' });
      await add('spam', { status: 'spam', authorName: 'Spammer', content: 'Buy now', createdAt: '2026-11-20T07:00:00.000Z' });
      await add('ping', { kind: 'pingback', authorName: 'Another blog', authorUrl: 'https://another.example/post/', content: '[…] linked […]', createdAt: '2026-11-20T08:00:00.000Z' });
      await refreshPostComments(t.store, post.id);
      server = await startServer({ store: t.store, dataDir: t.dataDir });
    });
    after(async () => {
      await server?.close();
      await t?.cleanup();
    });

    test('shows the approved comments after the article, under a heading that counts them', async () => {
      const $ = await article('talked-about');
      const discussion = $('article.article').nextAll('.discussion');
      assert.equal(discussion.length, 1, 'the comments follow the article');
      const section = discussion.find('section.comments');
      const heading = section.find('h2');
      assert.equal(heading.text(), '3 comments');
      assert.equal(section.attr('aria-labelledby'), heading.attr('id'));
      assert.deepEqual(section.find('li.comment').map((_, li) => $(li).attr('id')).get().sort(), [`comment-${ids.first}`, `comment-${ids.orphan}`, `comment-${ids.reply}`].sort());
    });

    test('a post with one comment says "1 comment"', async () => {
      const post = await publish('One voice');
      await t.store.comments.insert(comment(post.id, { content: 'Alone' }));
      await refreshPostComments(t.store, post.id);
      const $ = await article('one-voice');
      assert.equal($('.comments h2').text(), '1 comment');
    });

    test('threads replies as nested lists, and shows a reply to a held comment at the top level', async () => {
      const $ = await article('talked-about');
      assert.equal($(`#comment-${ids.first} > ol.children > li#comment-${ids.reply}`).length, 1);
      assert.ok($(`#comment-${ids.orphan}`).parent().is('ol.comment-list'), 'the orphan is a top-level comment');
    });

    test('leaves out pending and spam comments', async () => {
      const text = (await article('talked-about'))('body').text();
      assert.ok(!text.includes('Waiting for moderation'));
      assert.ok(!text.includes('Buy now'));
    });

    test('links an author to their address only when it is http(s), as user-generated and unfollowed', async () => {
      const $ = await article('talked-about');
      const alice = $(`#comment-${ids.first} .comment-author`).first().find('a');
      assert.equal(alice.attr('href'), 'https://alice.example/');
      assert.equal(alice.attr('rel'), 'ugc nofollow noopener');
      assert.equal($(`#comment-${ids.reply} .comment-author`).find('a').length, 0, 'javascript: is not linked');
      assert.equal($(`#comment-${ids.orphan} .comment-author`).find('a').length, 0, 'ftp: is not linked');
      assert.equal($(`#comment-${ids.reply} .comment-author`).text(), 'Bob');
    });

    test('keeps only the allowed tags in comments, and no attribute but a safe href', async () => {
      const $ = await article('talked-about');
      const content = $(`#comment-${ids.reply} > article .comment-content`);
      assert.equal($('.discussion script').length, 0);
      assert.equal(content.find('img').length, 0);
      assert.equal(content.find('strong').text(), 'Bold');
      const links = content.find('a');
      assert.equal(links.length, 2);
      assert.equal(links.eq(0).attr('href'), undefined, 'javascript: href dropped');
      assert.equal(links.eq(1).attr('href'), 'https://ok.example/');
      assert.deepEqual(Object.keys(links.eq(1).attr() ?? {}).sort(), ['href', 'rel']);
      content.find('*').each((_, element) => {
        assert.ok(['p', 'strong', 'a'].includes((element as { tagName: string }).tagName), (element as { tagName: string }).tagName);
      });
    });

    test('turns a comment typed with blank lines into paragraphs', async () => {
      const $ = await article('talked-about');
      const paragraphsShown = $(`#comment-${ids.first} > article .comment-content p`);
      assert.equal(paragraphsShown.length, 2);
      assert.equal(paragraphsShown.eq(1).find('br').length, 1);
    });

    test('dates each comment in the site’s time zone, with a machine-readable time', async () => {
      const $ = await article('talked-about');
      const time = $(`#comment-${ids.first} > article time`);
      assert.equal(time.attr('datetime'), '2026-11-20T03:30:00.000Z');
      assert.match(time.text(), /November 19, 2026/);
      assert.match(time.text(), /10:30/);
    });

    test('lists pingbacks apart from the comments, labelled', async () => {
      const $ = await article('talked-about');
      const ping = $(`#comment-${ids.ping}`);
      assert.ok(ping.closest('section.pings').length === 1);
      assert.equal($('section.comments').find(`#comment-${ids.ping}`).length, 0);
      assert.match(ping.text(), /^Pingback: Another blog/);
      assert.match($('section.pings h2').text(), /1 pingback/);
    });

    test('a post without comments has no comments section', async () => {
      const $ = await article('nobody-said-a-word');
      assert.equal($('.discussion').length, 0);
    });

    test('the article page is still one query with its comments', async () => {
      queries.length = 0;
      // An address of its own, so the response cache has not kept it: rendered, it is one query.
      assert.equal((await server.get('/talked-about/?rendered=1')).status, 200);
      assert.equal(queries.length, 1, queries.join('\n'));
    });

    test('the mobile (AMP) version shows the comments too, and stays valid AMP', async () => {
      const response = await server.get('/talked-about/amp/');
      assert.equal(response.status, 200);
      const text = await response.text();
      const $ = cheerio.load(text);
      assert.equal($('.comments h2').text(), '3 comments');
      assert.equal($(`#comment-${ids.first} > ol.children > li#comment-${ids.reply}`).length, 1);
      assert.ok(!text.includes('Waiting for moderation'));
      if (validation.validator) assert.deepEqual(validation.validator.errors(text), []);
    });

    test('a comment approved later shows once the post’s comments are refreshed', async () => {
      const post = await publish('Moderated later');
      const held = comment(post.id, { status: 'pending', content: 'Approved at last' });
      const { id } = await t.store.comments.insert(held);
      await refreshPostComments(t.store, post.id);
      assert.equal((await article('moderated-later'))('.discussion').length, 0);
      await t.store.comments.update(id, { ...held, status: 'approved' });
      await refreshPostComments(t.store, post.id);
      assert.match((await article('moderated-later'))(`#comment-${id}`).text(), /Approved at last/);
    });

    test('a new time zone dates the stored comments again', async () => {
      await updateSettings({ store: t.store, clock: testClock() }, { timezone: 'Europe/London' });
      await runQueuedJobs(t.store, t.dataDir);
      const $ = await article('talked-about');
      assert.match($(`#comment-${ids.first} > article time`).text(), /November 20, 2026/);
      assert.match($(`#comment-${ids.first} > article time`).text(), /3:30/);
    });
  });
}
