import { test } from 'node:test';
import assert from 'node:assert/strict';
import { skipUnlessVarnish, startVarnish, type RunningVarnish } from '../helpers/varnish.js';
import { startTaggedBackend, type TaggedBackend, type TaggedPage } from './tagged-backend.js';

/** What deploy/varnish/masthead.vcl does with readers' requests, on a real varnishd. */
const skip = skipUnlessVarnish();

async function withVarnish(
  pages: Record<string, TaggedPage>,
  work: (varnish: RunningVarnish, backend: TaggedBackend) => Promise<void>,
  editVcl?: (vcl: string) => string,
): Promise<void> {
  const backend = await startTaggedBackend(pages);
  let varnish: RunningVarnish | undefined;
  try {
    varnish = await startVarnish({ backend: backend.url, editVcl });
    await work(varnish, backend);
  } finally {
    await varnish?.stop();
    await backend.close();
  }
}

async function get(varnish: RunningVarnish, path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${varnish.url}${path}`, init);
  await response.text();
  return response;
}

test('readers get a page without its cache tags, told whether it was a HIT or a MISS', { skip }, () =>
  withVarnish({ '/news/a': { tags: ['post-1', 'site'] } }, async (varnish) => {
    const first = await get(varnish, '/news/a');
    const second = await get(varnish, '/news/a');
    assert.deepEqual([first.headers.get('x-cache'), second.headers.get('x-cache')], ['MISS', 'HIT']);
    for (const response of [first, second]) {
      for (const name of ['xkey', 'surrogate-key', 'cache-tag']) assert.equal(response.headers.get(name), null, `${name} reached the reader`);
    }
  }));

test('readers with other cookies share one cached copy, and the backend never sees those cookies', { skip }, () =>
  withVarnish({ '/news/a': { tags: ['post-1'] } }, async (varnish, backend) => {
    await get(varnish, '/news/a', { headers: { cookie: '_ga=GA1.1.1; theme=dark' } });
    const second = await get(varnish, '/news/a', { headers: { cookie: '_ga=GA1.1.2' } });
    assert.equal(second.headers.get('x-cache'), 'HIT');
    assert.equal(backend.hits('/news/a'), 1);
    assert.equal(backend.lastHeaders('/news/a')!.cookie, undefined);
  }));

test('private requests go to the backend every time, never cached nor served from the cache', { skip }, () => {
  const requests: Array<[string, RequestInit]> = [
    ['/news/a', { headers: { cookie: 'theme=dark; masthead_session=abc' } }],
    ['/news/b', { headers: { cookie: 'masthead_postpass_12=token' } }],
    ['/wp-json/wp/v2/posts', { headers: { authorization: 'Basic ZWQ6cGFzcw==' } }],
    ['/admin/posts', {}],
    ['/api/admin/posts', {}],
    ['/preview/0123abcd', {}],
    ['/news/c', { method: 'POST', body: 'password=x' }],
  ];
  const pages = Object.fromEntries(requests.map(([path]) => [path, { tags: ['site'] }]));
  return withVarnish(pages, async (varnish, backend) => {
    for (const [path, init] of requests) {
      const answers = [await get(varnish, path, init), await get(varnish, path, init)];
      assert.deepEqual(answers.map((response) => response.headers.get('x-cache')), ['MISS', 'MISS'], `${init.method ?? 'GET'} ${path}`);
      assert.equal(backend.hits(path), 2, `${init.method ?? 'GET'} ${path} reached the backend ${backend.hits(path)} times`);
    }
    assert.match(String(backend.lastHeaders('/news/a')!.cookie), /masthead_session=abc/, 'a session cookie reaches the backend');
  });
});

test('a response that says nothing about caching is not kept', { skip }, () =>
  withVarnish({ '/unsaid': { tags: ['site'], cacheControl: null } }, async (varnish, backend) => {
    await get(varnish, '/unsaid');
    assert.equal((await get(varnish, '/unsaid')).headers.get('x-cache'), 'MISS');
    assert.equal(backend.hits('/unsaid'), 2);
  }));

test('a PURGE that names no keys is refused with 400, and BAN with 405', { skip }, () =>
  withVarnish({}, async (varnish) => {
    assert.equal((await get(varnish, '/', { method: 'PURGE' })).status, 400);
    assert.equal((await get(varnish, '/', { method: 'BAN' })).status, 405);
  }));

test('while the backend is sick, readers get the stale page for as long as stale-if-error allows', { skip }, () =>
  withVarnish(
    { '/news/a': { tags: ['post-1'], cacheControl: 'public, max-age=1, s-maxage=1, stale-while-revalidate=1, stale-if-error=86400' } },
    async (varnish, backend) => {
      await get(varnish, '/news/a');
      backend.setHealthy(false);
      // Past the TTL and stale-while-revalidate (2 s), and long enough for three failed probes.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const response = await fetch(`${varnish.url}/news/a`);
      assert.equal(response.status, 200);
      assert.equal(await response.text(), '/news/a fetch 1');
      assert.equal(response.headers.get('x-cache'), 'HIT');
    },
    // The shipped probe looks every 5 s; this test cannot wait that long.
    (vcl) => vcl.replace('.interval = 5s;', '.interval = 100ms;'),
  ));
