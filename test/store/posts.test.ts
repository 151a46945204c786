import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, TEST_NOW, type Basics } from '../helpers/factories.js';
import { createPost } from '../../src/operations/create-post.js';
import { readArchive } from '../../src/operations/read-site.js';
import { paragraphs } from '../../src/content/body.js';
import { AppError } from '../../src/lib/errors.js';
import { fixedClock } from '../../src/lib/clock.js';
import type { CardRow } from '../../src/content/types.js';
import * as cheerio from 'cheerio';

/** The headlines of stored cards, read with an HTML parser. */
function cardTitles(cards: CardRow[] | undefined): string[] {
  return (cards ?? []).map((card) => cheerio.load(card.html.toString(), null, false)('h3 a').text());
}

for (const engine of ENGINES) {
  describe(`posts in the ${engine} store`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    const context = () => ({ store: t.store, clock: testClock() });

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
    });
    after(() => t?.cleanup());

    test('stores a post and reads back the same document, typography intact', async () => {
      const body = [
        { type: 'paragraph', content: [{ text: 'He said, “We aren’t friends” — and left.' }, { text: ' Read more', marks: [{ type: 'link', href: 'https://example.com/a' }] }] },
        { type: 'quote', style: 'pull', text: 'We aren’t friends as much as we used to be.', speaker: 'John Legend', source: 'CNN' },
      ];
      const created = await createPost(context(), {
        status: 'published',
        title: 'Politics “ruined” a friendship',
        body,
        authorIds: [basics.authorId],
        categoryId: basics.categoryId,
        tagIds: [basics.tagId, basics.personTagId],
        sources: [{ name: 'CNN', note: 'interview' }],
        publishedAt: '2026-11-19T08:00:00Z',
      });
      assert.equal(created.slug, 'politics-ruined-a-friendship');
      const stored = await t.store.posts.findById(created.id);
      assert.ok(stored);
      assert.deepEqual(stored.body, body);
      assert.equal(stored.title, 'Politics “ruined” a friendship');
      assert.equal(stored.publishedAt, '2026-11-19T08:00:00.000Z');
      assert.deepEqual(stored.authorIds, [basics.authorId]);
      assert.deepEqual(stored.tagIds, [basics.tagId, basics.personTagId]);
      assert.equal(stored.categoryId, basics.categoryId);
      assert.deepEqual(stored.sources, [{ name: 'CNN', note: 'interview' }]);
      // The page is stored ready to serve: the article with its body, and a head with the origin left to fill in.
      const page = await t.store.posts.findPublishedBySlug(created.slug, TEST_NOW);
      assert.ok(page);
      assert.equal(page.categoryName, 'Showbiz');
      const article = page.articleHtml.toString();
      assert.match(article, /<h1>Politics “ruined” a friendship<\/h1>/);
      assert.match(article, /<p>He said, “We aren’t friends” — and left\./);
      assert.match(article, /<a rel="author" href="\/author\/ada\/">Ada Reporter<\/a>/);
      assert.match(article, /<a href="\/tag\/kanye-west\/" rel="tag">Kanye West<\/a>/);
      assert.match(page.headHtml.toString(), /<link rel="canonical" href="\uE000\/politics-ruined-a-friendship\/">/);
      // With no excerpt, the description is the body's opening words.
      const head = cheerio.load(page.headHtml.toString(), null, false);
      assert.equal(head('meta[name="description"]').attr('content'), 'He said, “We aren’t friends” — and left. Read more We aren’t friends as much as we used to be. — John Legend');
    });

    test('gives a second post with the same title a numbered slug', async () => {
      const input = { status: 'draft', title: 'Same title', body: paragraphs(['x']), authorIds: [basics.authorId] };
      const first = await createPost(context(), input);
      const second = await createPost(context(), input);
      assert.equal(first.slug, 'same-title');
      assert.equal(second.slug, 'same-title-2');
    });

    test('refuses an explicit slug that is taken, naming the field, and stores nothing', async () => {
      const before = await t.store.posts.count();
      await assert.rejects(
        createPost(context(), { title: 'Other', slug: 'same-title', body: paragraphs(['x']), authorIds: [basics.authorId] }),
        (error: AppError) => error.code === 'CONFLICT' && error.issues[0]?.path === '/slug',
      );
      assert.equal(await t.store.posts.count(), before);
    });

    test('refuses invalid content with the path of each bad field, and stores nothing', async () => {
      const before = await t.store.posts.count();
      await assert.rejects(
        createPost(context(), {
          title: '',
          body: [{ type: 'paragraph', content: [{ text: 'ok' }] }, { type: 'image', media: 'image-1' }, { type: 'video' }],
          authorIds: [],
        }),
        (error: AppError) => {
          const paths = error.issues.map((i) => i.path);
          assert.equal(error.code, 'VALIDATION_FAILED');
          assert.ok(paths.includes('/title'), paths.join());
          assert.ok(paths.includes('/authorIds'), paths.join());
          return true;
        },
      );
      await assert.rejects(
        createPost(context(), { title: 'T', body: [{ type: 'image', media: 'image-1' }, { type: 'video' }], authorIds: [basics.authorId] }),
        (error: AppError) => {
          assert.deepEqual(error.issues.map((i) => i.path), ['/body/0/media', '/body/1/type']);
          return true;
        },
      );
      assert.equal(await t.store.posts.count(), before);
    });

    test('refuses references to authors, tags and media that do not exist', async () => {
      await assert.rejects(
        createPost(context(), { title: 'T', body: [{ type: 'image', media: 9999 }], authorIds: [9999], tagIds: [8888], categoryId: 7777 }),
        (error: AppError) => {
          assert.deepEqual(error.issues.map((i) => i.path).sort(), ['/authorIds/0', '/body/0/media', '/categoryId', '/tagIds/0']);
          return true;
        },
      );
    });

    test('rolls back every write of a transaction that fails', async () => {
      const before = await t.store.posts.count();
      await assert.rejects(
        t.store.transaction(async (tx) => {
          await createPost({ store: tx, clock: testClock() }, { title: 'Half done', body: paragraphs(['x']), authorIds: [basics.authorId] });
          throw new Error('boom');
        }),
        /boom/,
      );
      assert.equal(await t.store.posts.count(), before);
      assert.equal(await t.store.posts.slugExists('half-done'), false);
    });

    test('keeps drafts, scheduled and future-dated posts off the public site', async () => {
      await createPost(context(), { status: 'draft', title: 'Secret draft', body: paragraphs(['x']), authorIds: [basics.authorId], tagIds: [basics.tagId] });
      await createPost(context(), {
        status: 'scheduled',
        title: 'Embargoed',
        body: paragraphs(['x']),
        authorIds: [basics.authorId],
        tagIds: [basics.tagId],
        publishedAt: '2026-12-01T00:00:00Z',
      });
      assert.equal(await t.store.posts.findPublishedBySlug('secret-draft', TEST_NOW), undefined);
      assert.equal(await t.store.posts.findPublishedBySlug('embargoed', TEST_NOW), undefined);
      const tagged = await t.store.posts.listPublished({ scope: { kind: 'tag', id: basics.tagId }, now: TEST_NOW, limit: 100 });
      assert.ok(!tagged.some((p) => p.slug === 'secret-draft' || p.slug === 'embargoed'));
    });

    test('lists stories, not pages, in tag and author archives', async () => {
      await createPost(context(), {
        kind: 'page',
        status: 'published',
        title: 'Our politics coverage',
        body: paragraphs(['About the desk.']),
        authorIds: [basics.authorId],
        tagIds: [basics.tagId],
        publishedAt: '2026-11-20T11:59:00Z',
      });
      for (const scope of [{ kind: 'tag', id: basics.tagId }, { kind: 'author', id: basics.authorId }] as const) {
        const listed = await t.store.posts.listPublished({ scope, now: TEST_NOW, limit: 100 });
        assert.ok(listed.length > 0, scope.kind);
        assert.deepEqual(listed.filter((p) => p.kind !== 'article').map((p) => p.slug), [], scope.kind);
      }
    });

    test('refuses to schedule a post without a future date', async () => {
      await assert.rejects(
        createPost(context(), { status: 'scheduled', title: 'Late', body: paragraphs(['x']), authorIds: [basics.authorId], publishedAt: '2020-01-01T00:00:00Z' }),
        (error: AppError) => error.issues[0]?.path === '/publishedAt',
      );
    });
  });

  describe(`listings in the ${engine} store`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    const context = () => ({ store: t.store, clock: testClock() });

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
      await createArticles(t.store, basics, { count: 45, tagIds: [basics.tagId] });
      // Half an hour apart from the first batch, so no two stories share a time.
      const earlier = fixedClock('2026-11-20T11:30:00.000Z');
      await createArticles(t.store, basics, { count: 5, prefix: 'Music', categoryId: basics.otherCategoryId, tagIds: [basics.personTagId], clock: earlier });
    });
    after(() => t?.cleanup());

    for (const scope of [{ kind: 'all' }, { kind: 'tag' }, { kind: 'category' }, { kind: 'author' }] as const) {
      test(`pages through the ${scope.kind} archive by cursor, newest first, with no repeats or gaps`, async () => {
        const fullScope =
          scope.kind === 'all'
            ? ({ kind: 'all' } as const)
            : scope.kind === 'tag'
              ? ({ kind: 'tag', id: basics.tagId } as const)
              : scope.kind === 'category'
                ? ({ kind: 'category', id: basics.categoryId } as const)
                : ({ kind: 'author', id: basics.authorId } as const);
        const expected = scope.kind === 'all' || scope.kind === 'author' ? 50 : 45;
        const seen: string[] = [];
        let cursor;
        let pages = 0;
        do {
          const page = await readArchive(context(), { scope: fullScope, limit: 20, after: cursor });
          seen.push(...page.items.map((p) => `${p.publishedAt}#${p.id}`));
          cursor = page.next;
          pages++;
        } while (cursor && pages < 10);
        assert.equal(seen.length, expected);
        assert.equal(new Set(seen).size, expected);
        assert.deepEqual([...seen].sort().reverse(), seen);
        assert.equal(pages, Math.ceil(expected / 20));
      });
    }

    test('turns a bare page number into the same page the cursor gives', async () => {
      const first = await readArchive(context(), { scope: { kind: 'all' }, limit: 20 });
      const byCursor = await readArchive(context(), { scope: { kind: 'all' }, limit: 20, after: first.next });
      const byNumber = await readArchive(context(), { scope: { kind: 'all' }, limit: 20, page: 2 });
      assert.deepEqual(byNumber.items.map((p) => p.id), byCursor.items.map((p) => p.id));
      const beyond = await readArchive(context(), { scope: { kind: 'all' }, limit: 20, page: 9 });
      assert.deepEqual(beyond.items, []);
    });

    test('teasers carry their section, authors and date in one query', async () => {
      const [teaser] = await t.store.posts.listPublished({ scope: { kind: 'all' }, now: TEST_NOW, limit: 1 });
      assert.ok(teaser);
      assert.equal(teaser.category?.slug, 'showbiz');
      assert.deepEqual(teaser.authors.map((a) => a.name), ['Ada Reporter']);
      assert.equal(teaser.publishedAt, '2026-11-20T11:00:00.000Z');
    });

    test('reads the newest stories of several sections at once', async () => {
      const sections = await t.store.posts.latestByCategories({ categoryIds: [basics.categoryId, basics.otherCategoryId], perCategory: 3, now: TEST_NOW });
      assert.deepEqual(cardTitles(sections.get(basics.categoryId)), ['Story number 1', 'Story number 2', 'Story number 3']);
      assert.deepEqual(cardTitles(sections.get(basics.otherCategoryId)), ['Music number 1', 'Music number 2', 'Music number 3']);
    });

    test('finds stories by words in their text', async () => {
      const found = await t.store.posts.search({ text: 'music', now: TEST_NOW, limit: 10 });
      assert.equal(found.length, 5);
      assert.ok(cardTitles(found).every((title) => title.startsWith('Music')), cardTitles(found).join());
      assert.deepEqual(await t.store.posts.search({ text: 'zzzunfindable', now: TEST_NOW, limit: 10 }), []);
      // Operators and quotes typed by a reader are words, not syntax.
      assert.doesNotReject(t.store.posts.search({ text: '"unbalanced AND (', now: TEST_NOW, limit: 10 }));
    });
  });
}
