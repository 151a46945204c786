import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { safeNext } from '../../src/newsroom/app/safe-next.js';

describe('where signing in leads (the `next` address)', () => {
  test('keeps newsroom addresses, with their query and fragment', () => {
    assert.equal(safeNext('/admin'), '/admin');
    assert.equal(safeNext('/admin/posts/12'), '/admin/posts/12');
    assert.equal(safeNext('/admin/posts?status=draft&page=2'), '/admin/posts?status=draft&page=2');
    assert.equal(safeNext('/admin?x=1#top'), '/admin?x=1#top');
  });

  test('resolves dot segments and collapses repeated slashes before checking, so what is checked is what is followed', () => {
    assert.equal(safeNext('/admin/..//evil.test'), '/admin');
    assert.equal(safeNext('/admin/../admin/posts'), '/admin/posts');
    assert.equal(safeNext('/admin//posts///12'), '/admin/posts/12');
    assert.equal(safeNext('/admin/%2e%2e/%2e%2e//evil.test'), '/admin');
    assert.equal(safeNext('/admin/.\\..\\/evil.test'), '/admin');
    assert.equal(safeNext('/admin/./tags'), '/admin/tags');
  });

  test('refuses other sites, other schemes and addresses outside the newsroom, for /admin', () => {
    for (const next of [null, '', 'https://evil.test/admin', '//evil.test/admin', '/\\evil.test/admin', 'javascript:alert(1)', '/administrator', '/', '/wp-admin', 'admin/posts', '/%61dmin/../..//evil.test']) {
      assert.equal(safeNext(next), '/admin', String(next));
    }
  });
});
