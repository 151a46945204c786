import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listsMovedIn } from '../../src/operations/post-lists.js';
import type { PostContent } from '../../src/content/store-editorial.js';

const story = (changes: Partial<PostContent> = {}): PostContent =>
  ({
    kind: 'article',
    status: 'published',
    slug: 's',
    title: 'T',
    excerpt: '',
    body: { type: 'doc', content: [] },
    featuredMediaId: null,
    categoryId: 3,
    authorIds: [2],
    tagIds: [5, 6],
    sources: [],
    seo: {},
    publishedAt: '2026-12-01T00:00:00.000Z',
    ...changes,
  }) as PostContent;

test('an edit that leaves a story in place moves it in no list', () => {
  assert.deepEqual(listsMovedIn(story(), story({ title: 'New title', excerpt: 'New' })), []);
  assert.deepEqual(listsMovedIn(story({ status: 'draft' }), story({ status: 'draft', categoryId: 4 })), [], 'a draft is in no list');
});

test('publishing, withdrawing, redating or moving names every list it was or is in', () => {
  const all = ['home', 'category:3', 'tag:5', 'tag:6', 'author:2'];
  assert.deepEqual(listsMovedIn(story({ status: 'draft' }), story()).sort(), [...all].sort());
  assert.deepEqual(listsMovedIn(story(), story({ status: 'draft' })).sort(), [...all].sort());
  assert.deepEqual(listsMovedIn(story(), story({ publishedAt: '2026-12-02T00:00:00.000Z' })).sort(), [...all].sort());
  assert.deepEqual(listsMovedIn(story(), story({ categoryId: 4, tagIds: [6, 7] })).sort(), [...all, 'category:4', 'tag:7'].sort());
  assert.deepEqual(listsMovedIn(story(), story({ tagIds: [6, 5] })), [], 'the same tags in another order');
});
