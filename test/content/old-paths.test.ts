import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isReservedPath, locationPath, namesWordPressQuery, oldPathKey, oldPathParts } from '../../src/content/old-paths.js';

describe('oldPathKey', () => {
  test('drops the scheme and host of an exported permalink', () => {
    assert.equal(oldPathKey('https://mamasuncut.com/2019/05/17/kanye-speaks/'), '/2019/05/17/kanye-speaks/');
    assert.equal(oldPathKey('http://www.mamasuncut.com/about/'), '/about/');
  });

  test('gives an export’s lowercase escapes and a browser’s uppercase ones the same key', () => {
    const exported = oldPathKey('https://old.example/%ce%bb-story/');
    assert.equal(exported, '/%CE%BB-story/');
    assert.equal(oldPathKey('/%CE%BB-story/'), exported);
    assert.equal(oldPathKey('/λ-story/'), exported, 'the same path typed in Unicode');
  });

  test('keeps an escaped slash inside a segment apart from the segments around it', () => {
    assert.equal(oldPathKey('/a%2Fb/c/'), '/a%2Fb/c/');
  });

  test('leaves the characters a path may carry unescaped, and escapes spaces', () => {
    assert.equal(oldPathKey('/rock&roll:live@home/'), '/rock&roll:live@home/');
    assert.equal(oldPathKey('/a b/'), '/a%20b/');
  });

  test('adds a trailing slash to a path, not to a file name', () => {
    assert.equal(oldPathKey('/kanye-speaks'), '/kanye-speaks/');
    assert.equal(oldPathKey('/old-page.html'), '/old-page.html');
    assert.equal(oldPathKey('/wp-content/uploads/2019/05/photo.JPG'), '/wp-content/uploads/2019/05/photo.JPG');
    assert.equal(oldPathKey('/version-2.0'), '/version-2.0/', 'digits after a dot are not a file extension');
  });

  test('the home page is a single slash', () => {
    assert.equal(oldPathKey('/'), '/');
    assert.equal(oldPathKey('https://old.example'), '/');
  });

  test('collapses doubled slashes inside a path and resolves dot segments', () => {
    assert.equal(oldPathKey('/2019//05/story/'), '/2019/05/story/');
    assert.equal(oldPathKey('/a/../b/./c'), '/b/c/');
  });

  test('keeps WordPress’s query variables, sorted, and drops tracking, empty and preview parameters', () => {
    assert.equal(oldPathKey('/?p=123&utm_source=twitter&utm_medium=social&fbclid=abc'), '/?p=123');
    assert.equal(oldPathKey('/?page_id=7&cat=3'), '/?cat=3&page_id=7');
    assert.equal(oldPathKey('/?p=123&preview=true'), '/?p=123');
    assert.equal(oldPathKey('/story/?p=&gclid=x'), '/story/');
  });

  test('every query variable WordPress routes by is kept', () => {
    for (const name of ['p', 'page_id', 'attachment_id', 'cat', 'tag', 'author', 'feed', 'm', 'year', 'monthnum', 'day', 'name', 'pagename', 'paged']) {
      assert.equal(oldPathKey(`/?${name}=1&utm_campaign=x`), `/?${name}=1`, name);
    }
  });

  test('encodes query values one way, whichever way they came', () => {
    assert.equal(oldPathKey('/?pagename=parent%2Fchild'), '/?pagename=parent/child');
    assert.equal(oldPathKey('/?pagename=parent/child'), '/?pagename=parent/child');
    assert.equal(oldPathKey('/?tag=rock+roll'), oldPathKey('/?tag=rock%20roll'));
  });

  test('keeps the first of a repeated variable', () => {
    assert.equal(oldPathKey('/?p=1&p=2'), '/?p=1');
  });

  test('drops the fragment', () => {
    assert.equal(oldPathKey('/story/#comments'), '/story/');
  });

  test('drops a leading /index.php, as WordPress without pretty permalinks wrote it', () => {
    assert.equal(oldPathKey('https://old.example/index.php?p=5'), '/?p=5');
    assert.equal(oldPathKey('/index.php/2019/05/story/'), '/2019/05/story/');
  });

  test('is not confused by a stray percent sign, and gives the same key again', () => {
    const key = oldPathKey('/100%-true/');
    assert.equal(key, '/100%25-true/');
    assert.equal(oldPathKey(key!), key);
  });

  test('a key is its own key', () => {
    for (const input of ['https://old.example/%ce%bb/?cat=2&p=1', '/a b/c', '/?pagename=a/b', '/x.html?p=3', '/rock&roll/']) {
      const key = oldPathKey(input)!;
      assert.equal(oldPathKey(key), key, input);
    }
  });

  test('refuses what is not a path on this site', () => {
    for (const input of ['', '   ', '//evil.com/', '//evil.com', '/\\evil.com', 'javascript:alert(1)', 'mailto:a@b.c', 'ftp://old.example/x', 'story/', '?p=1', `/${'a'.repeat(3000)}/`]) {
      assert.equal(oldPathKey(input), undefined, JSON.stringify(input.slice(0, 40)));
    }
  });
});

describe('the helpers around a key', () => {
  test('oldPathParts takes a key apart into decoded segments and its variables', () => {
    const parts = oldPathParts('/%CE%BB/story/?name=a%2Fb&p=1');
    assert.deepEqual(parts.segments, ['λ', 'story']);
    assert.deepEqual([...parts.query], [['name', 'a/b'], ['p', '1']]);
  });

  test('isReservedPath names the newsroom, the APIs and media, not paths that only start with the same letters', () => {
    for (const key of ['/admin/', '/admin/posts/', '/api/admin/', '/wp-json/wp/v2/', '/media/x.jpg']) assert.equal(isReservedPath(key), true, key);
    for (const key of ['/administration-news/', '/apis/', '/', '/?p=1']) assert.equal(isReservedPath(key), false, key);
  });

  test('namesWordPressQuery sees a non-empty WordPress variable, and nothing else', () => {
    assert.equal(namesWordPressQuery({ p: '123' }), true);
    assert.equal(namesWordPressQuery({ feed: ['rss2'] }), true);
    assert.equal(namesWordPressQuery({ p: '' }), false);
    assert.equal(namesWordPressQuery({ utm_source: 'x', s: 'kanye', preview: 'true' }), false);
    assert.equal(namesWordPressQuery({}), false);
  });

  test('locationPath encodes a Unicode slug once and refuses another host', () => {
    assert.equal(locationPath('/λ-story/'), '/%CE%BB-story/');
    assert.equal(locationPath('/%ce%bb-story/?a=1#x'), '/%CE%BB-story/?a=1#x');
    assert.equal(locationPath('//evil.com/'), undefined);
    assert.equal(locationPath('https://evil.com/'), undefined);
  });
});
