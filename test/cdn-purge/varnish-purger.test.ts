import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createVarnishPurger } from '../../src/cdn-purge/varnish-purger.js';
import { freePort } from '../helpers/cli-process.js';
import { skipUnlessVarnish, startVarnish, type RunningVarnish } from '../helpers/varnish.js';
import { startTaggedBackend, type TaggedBackend, type TaggedPage } from './tagged-backend.js';

const skip = skipUnlessVarnish();

/** A tagged backend and `count` real varnishd in front of it (deploy/varnish/masthead.vcl, changed by `editVcl`), stopped after `work`. */
async function withVarnish(
  input: { pages: Record<string, TaggedPage>; count?: number; editVcl?: (vcl: string) => string },
  work: (varnishes: RunningVarnish[], backend: TaggedBackend) => Promise<void>,
): Promise<void> {
  const backend = await startTaggedBackend(input.pages);
  const varnishes: RunningVarnish[] = [];
  try {
    for (let i = 0; i < (input.count ?? 1); i++) varnishes.push(await startVarnish({ backend: backend.url, editVcl: input.editVcl }));
    await work(varnishes, backend);
  } finally {
    await Promise.all(varnishes.map((varnish) => varnish.stop()));
    await backend.close();
  }
}

/** Fetches each path in turn through `varnish`; what X-Cache said for each. */
async function xCache(varnish: RunningVarnish, paths: string[]): Promise<string[]> {
  const seen: string[] = [];
  for (const path of paths) {
    const response = await fetch(`${varnish.url}${path}`);
    await response.text();
    assert.equal(response.status, 200, `${path} answered ${response.status}`);
    seen.push(response.headers.get('x-cache') ?? '(no X-Cache)');
  }
  return seen;
}

/** Hits and misses once varnishstat has counted `lookups` of them (a worker adds its counters just after it answers). */
async function hitsAndMisses(varnish: RunningVarnish, lookups: number): Promise<{ hits: number; misses: number }> {
  for (let i = 0; ; i++) {
    const { hits, misses } = await varnish.stats();
    if (hits + misses >= lookups || i === 50) return { hits, misses };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('after a purge of one key, its page is fetched anew while a page without that key is still a hit', { skip }, () =>
  withVarnish({ pages: { '/news/a': { tags: ['post-1', 'list-home', 'site'] }, '/news/b': { tags: ['post-2', 'site'] } } }, async ([varnish], backend) => {
    assert.deepEqual(await xCache(varnish!, ['/news/a', '/news/b', '/news/a', '/news/b']), ['MISS', 'MISS', 'HIT', 'HIT']);
    assert.deepEqual(await hitsAndMisses(varnish!, 4), { hits: 2, misses: 2 });

    const purger = createVarnishPurger({ urls: [varnish!.purgeUrl] });
    await purger.purge(['post-1']);
    await purger.close();

    assert.deepEqual(await xCache(varnish!, ['/news/a', '/news/b']), ['MISS', 'HIT']);
    assert.deepEqual(await hitsAndMisses(varnish!, 6), { hits: 3, misses: 3 });
    assert.equal(backend.hits('/news/a'), 2);
    assert.equal(backend.hits('/news/b'), 1);
  }));

test('thousands of keys are sent in PURGE requests short enough for Varnish, and the last of them is purged too', { skip }, () =>
  withVarnish({ pages: { '/first': { tags: ['post-1'] }, '/last': { tags: ['post-3000'] }, '/other': { tags: ['tag-5'] } } }, async ([varnish]) => {
    assert.deepEqual(await xCache(varnish!, ['/first', '/last', '/other']), ['MISS', 'MISS', 'MISS']);
    // About 26 KB of keys: in one header Varnish would refuse them (http_req_hdr_len is 8 KB).
    await createVarnishPurger({ urls: [varnish!.purgeUrl] }).purge(Array.from({ length: 3000 }, (_, i) => `post-${i + 1}`));
    assert.deepEqual(await xCache(varnish!, ['/first', '/last', '/other']), ['MISS', 'MISS', 'HIT']);
  }));

test('every Varnish server is told, each keeping a cache of its own', { skip }, () =>
  withVarnish({ count: 2, pages: { '/news/a': { tags: ['post-1'] } } }, async (varnishes) => {
    for (const varnish of varnishes) assert.deepEqual(await xCache(varnish, ['/news/a', '/news/a']), ['MISS', 'HIT']);
    await createVarnishPurger({ urls: varnishes.map((varnish) => varnish.purgeUrl) }).purge(['post-1']);
    for (const varnish of varnishes) assert.deepEqual(await xCache(varnish, ['/news/a']), ['MISS']);
  }));

test('a server that cannot be reached fails the purge, naming it, while the others are still purged', { skip }, () =>
  withVarnish({ pages: { '/news/a': { tags: ['post-1'] } } }, async ([varnish]) => {
    await xCache(varnish!, ['/news/a']);
    const dead = `http://127.0.0.1:${await freePort()}/`;
    await assert.rejects(createVarnishPurger({ urls: [dead, varnish!.purgeUrl] }).purge(['post-1']), {
      name: 'CdnPurgeFailed',
      message: new RegExp(`^Varnish purge failed: PURGE ${dead} could not be reached \\(.*ECONNREFUSED`),
    });
    assert.deepEqual(await xCache(varnish!, ['/news/a']), ['MISS']);
  }));

test('a Varnish that refuses the purge (the app server is not in its purgers ACL) fails it with its 403 and keeps the page', { skip }, () =>
  withVarnish(
    { editVcl: (vcl) => vcl.replace(/acl purgers \{[^}]*\}/, 'acl purgers {\n    "192.0.2.1";\n}'), pages: { '/news/a': { tags: ['post-1'] } } },
    async ([varnish]) => {
      await xCache(varnish!, ['/news/a']);
      await assert.rejects(createVarnishPurger({ urls: [varnish!.purgeUrl] }).purge(['post-1']), {
        name: 'CdnPurgeFailed',
        message: new RegExp(`^Varnish purge failed: PURGE ${varnish!.purgeUrl} answered 403: .*Not allowed to purge`),
        status: 403,
      });
      assert.deepEqual(await xCache(varnish!, ['/news/a']), ['HIT']);
    },
  ));
