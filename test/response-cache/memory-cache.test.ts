import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { MemoryResponseCache } from '../../src/response-cache/memory-cache.js';
import { entryBytes, type CachedResponse } from '../../src/response-cache/response-cache.js';
import { cacheTags, tagsForChange } from '../../src/response-cache/cache-tags.js';
import { ServeCached, cacheAs, preferredCoding } from '../../src/response-cache/serve-cached.js';

function entry(tags: string[], size = 1000): CachedResponse {
  return { headers: { 'content-type': 'text/html' }, identity: Buffer.alloc(size, 'x'), gzip: undefined, br: undefined, etag: '"e"', lastModified: new Date(0).toUTCString(), tags, siteVersion: 1 };
}

describe('the in-memory response cache', () => {
  test('drops exactly the entries carrying a changed tag', () => {
    const cache = new MemoryResponseCache(1 << 20);
    cache.set('/a/', entry(['site', 'post-1', 'post-2']));
    cache.set('/b/', entry(['site', 'post-2']));
    cache.set('/c/', entry(['site', 'post-3']));
    assert.equal(cache.invalidate(['post-2']), 2);
    assert.equal(cache.get('/a/'), undefined);
    assert.equal(cache.get('/b/'), undefined);
    assert.ok(cache.get('/c/'));
    assert.equal(cache.invalidate(['post-2']), 0, 'the index forgot them too');
    assert.equal(cache.stats().entries, 1);
  });

  test('stays within its bytes, dropping the least recently used first', () => {
    const one = entryBytes('/0/', entry(['site']));
    const cache = new MemoryResponseCache(one * 4 + 10);
    for (const key of ['/0/', '/1/', '/2/', '/3/']) cache.set(key, entry(['site']));
    cache.get('/0/');
    cache.set('/4/', entry(['site']));
    assert.equal(cache.get('/1/'), undefined, 'the one used longest ago went');
    assert.ok(cache.get('/0/') && cache.get('/2/') && cache.get('/3/') && cache.get('/4/'));
    assert.ok(cache.stats().bytes <= one * 4 + 10);
    assert.equal(cache.stats().evicted, 1);
    cache.set('/big/', entry(['site'], one * 2));
    assert.equal(cache.get('/big/'), undefined, 'an answer over a quarter of the cache is not kept');
  });

  test('replace keeps compressed forms only for the entry still held', () => {
    const cache = new MemoryResponseCache(1 << 20);
    const first = entry(['post-1']);
    cache.set('/a/', first);
    cache.invalidate(['post-1']);
    const second = entry(['post-1']);
    cache.set('/a/', second);
    assert.equal(cache.replace('/a/', first, { ...first, gzip: Buffer.from('old') }), false, 'a late compression of a dropped entry is not kept');
    assert.equal(cache.replace('/a/', second, { ...second, identity: undefined, gzip: Buffer.from('z'), br: Buffer.from('b') }), true);
    assert.equal(cache.get('/a/')?.gzip?.toString(), 'z');
  });
});

describe('what each change drops', () => {
  test('a story edit drops its pages and cards, and the lists it moved in only', () => {
    assert.deepEqual(tagsForChange({ kind: 'post', ids: [7], lists: [] }), ['kind-post', 'post-7']);
    assert.deepEqual(tagsForChange({ kind: 'post', ids: [7], lists: ['home', 'category:3'] }), ['kind-post', 'post-7', 'list-home', 'list-category-3']);
    assert.deepEqual(tagsForChange({ kind: 'post', ids: [7] }), ['kind-post', 'post-7', cacheTags.lists], 'lists not named: every list');
  });
  test('settings, a resync or a change naming no ids drop everything; redirects and jobs nothing', () => {
    for (const signal of [{ kind: 'settings' }, { kind: 'resync' }, { kind: 'post' }, { kind: 'term' }] as const) assert.deepEqual(tagsForChange(signal), ['site']);
    assert.deepEqual(tagsForChange({ kind: 'redirects', ids: [1] }), []);
    assert.deepEqual(tagsForChange({ kind: 'jobs', ids: [1] }), []);
    assert.deepEqual(tagsForChange({ kind: 'term', ids: [4] }), ['kind-term', 'category-4', 'tag-4']);
  });
});

describe('content negotiation', () => {
  test('brotli first, then gzip, honouring q=0', () => {
    assert.equal(preferredCoding('gzip, deflate, br'), 'br');
    assert.equal(preferredCoding('gzip, br;q=0'), 'gzip');
    assert.equal(preferredCoding('identity'), 'identity');
    assert.equal(preferredCoding(undefined), 'identity');
    assert.equal(preferredCoding('*'), 'br');
    assert.equal(preferredCoding('*;q=0, gzip'), 'gzip');
  });
});

describe('an answer rendered across a change', () => {
  test('is sent but not kept: it may show what the change replaced', async () => {
    const cache = new MemoryResponseCache(1 << 20);
    const served = new ServeCached({ cache, siteVersion: () => 1, isCdnTagged: false, cdnMaxAgeS: 60, onError: (error) => assert.fail(String(error)) });
    const app = Fastify();
    served.register(app);
    let version = 'old';
    let renders = 0;
    let changeDuringRender = false;
    app.get('/story/', async (_request, reply) => {
      renders++;
      const shown = version;
      cacheAs(reply, ['post-1']);
      // The change commits after the read and before the answer is sent.
      if (changeDuringRender) {
        version = 'new';
        served.invalidate(['post-1']);
      }
      return reply.header('content-type', 'text/plain').header('cache-control', 'public, max-age=60').send(shown);
    });
    changeDuringRender = true;
    assert.equal((await app.inject('/story/')).body, 'old');
    changeDuringRender = false;
    assert.equal((await app.inject('/story/')).body, 'new', 'the stale render was not kept');
    assert.equal((await app.inject('/story/')).body, 'new');
    assert.equal(renders, 2, 'the current render was');
    await app.close();
  });
});

describe('under pressure', () => {
  test('answers give up their brotli and identity forms, least recently used first, before any answer is dropped', () => {
    const compressed = (tags: string[]): CachedResponse => ({ ...entry(tags, 10), identity: undefined, gzip: Buffer.alloc(1000, 'g'), br: Buffer.alloc(900, 'b') });
    const full = entryBytes('/0/', compressed(['site']));
    const slim = entryBytes('/0/', { ...compressed(['site']), br: undefined });
    // Room for eight answers in every form.
    const cache = new MemoryResponseCache(full * 8 + 1);
    const keys = Array.from({ length: 8 }, (_, i) => `/${i}/`);
    for (const key of keys) cache.set(key, compressed(['site']));
    cache.get('/0/');
    cache.set('/8/', compressed(['site']));
    assert.equal(cache.stats().evicted, 0, 'no answer dropped');
    assert.equal(cache.stats().entries, 9);
    assert.ok(cache.stats().slimmed > 0);
    const oldest = cache.get('/1/');
    assert.equal(oldest?.br, undefined, 'the least recently used gave up its brotli form');
    assert.ok(oldest?.gzip, 'and kept its gzip');
    assert.ok(cache.get('/0/')?.br, 'one used since keeps every form');
    assert.ok(cache.get('/8/')?.br, 'the newest keeps every form');
    assert.ok(cache.stats().bytes <= full * 8 + 1);
    assert.ok(slim < full);
  });
});
