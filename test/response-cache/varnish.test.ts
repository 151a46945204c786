import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config.js';
import { createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, type Basics } from '../helpers/factories.js';
import { freePort } from '../helpers/cli-process.js';
import { skipUnlessVarnish, startVarnish, type RunningVarnish } from '../helpers/varnish.js';
import { updatePost } from '../../src/operations/editorial/update-post.js';
import type { Post } from '../../src/content/types.js';

/**
 * A real Varnish, with the README's VCL (deploy/varnish/masthead.vcl), in
 * front of Masthead with CDN_PURGE=varnish: pages carry their tags as xkey,
 * and an edit purges exactly those, so Varnish serves the new page at once
 * while the pages that do not show the story stay in its cache.
 */
describe('Varnish in front, purged by tag', { skip: skipUnlessVarnish() || (await skipUnless('sqlite')) }, () => {
  let t: TestStore;
  let app: App;
  let varnish: RunningVarnish;
  let basics: Basics;
  let showbiz: Post[];
  let music: Post[];

  before(async () => {
    t = await createTestStore('sqlite');
    basics = await createBasics(t.store);
    showbiz = await createArticles(t.store, basics, { count: 3, prefix: 'Showbiz' });
    music = await createArticles(t.store, basics, { count: 2, prefix: 'Music', categoryId: basics.otherCategoryId });
    // Varnish is told where Masthead will listen, and Masthead where to send its purges: both ports chosen first.
    const appPort = await freePort();
    varnish = await startVarnish({ backend: `http://127.0.0.1:${appPort}` });
    const config = parseConfig({
      DATA_DIR: t.dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      SITE_URL: 'https://news.example',
      MASTHEAD_DEMO: '0',
      CDN_PURGE: 'varnish',
      VARNISH_PURGE_URLS: varnish.purgeUrl,
    });
    app = await buildApp({ config, store: t.store, clock: testClock(), logger: false });
    await app.server.listen({ port: appPort, host: '127.0.0.1' });
  });
  after(async () => {
    await app?.server.close();
    await varnish?.stop();
    await t?.cleanup();
  });

  const viaVarnish = async (path: string) => {
    const response = await fetch(varnish.url + path);
    return { response, text: await response.text(), cache: response.headers.get('x-cache') };
  };
  const titleOf = (html: string) => cheerio.load(html)('h1').first().text().trim();

  test('pages carry their tags to Varnish, which keeps them and does not pass the tags on to readers', async () => {
    const direct = await fetch(`http://127.0.0.1:${app.server.server.address() && (app.server.server.address() as { port: number }).port}/${showbiz[0]!.slug}/`);
    await direct.text();
    const xkey = direct.headers.get('xkey')?.split(' ') ?? [];
    assert.ok(xkey.includes(`post-${showbiz[0]!.id}`) && xkey.includes('site'), direct.headers.get('xkey') ?? 'no xkey header');
    assert.equal(direct.headers.get('surrogate-key'), direct.headers.get('xkey'));
    assert.equal(direct.headers.get('cache-tag'), xkey.join(','));
    assert.equal((await viaVarnish(`/${showbiz[0]!.slug}/`)).cache, 'MISS');
    const again = await viaVarnish(`/${showbiz[0]!.slug}/`);
    assert.equal(again.cache, 'HIT');
    assert.equal(again.response.headers.get('xkey'), null);
    assert.equal(again.response.headers.get('surrogate-key'), null);
  });

  test('after an edit Varnish serves the new page at once; pages that do not show the story stay cached', async () => {
    const edited = showbiz[1]!;
    const unrelated = music[0]!;
    for (const path of [`/${edited.slug}/`, `/${unrelated.slug}/`, `/category/music/`]) {
      await viaVarnish(path);
      assert.equal((await viaVarnish(path)).cache, 'HIT', path);
    }
    const before = await varnish.stats();
    const acknowledged = performance.now();
    await updatePost({ store: t.store, clock: testClock(), actor: { id: basics.authorId, role: 'editor' } }, { id: edited.id, revision: edited.revision, title: 'Showbiz, corrected' });
    // The purge goes out as the edit commits, without the edit waiting for it: the first reads may still race it.
    let page = await viaVarnish(`/${edited.slug}/`);
    while (titleOf(page.text) !== 'Showbiz, corrected' && performance.now() - acknowledged < 2_000) page = await viaVarnish(`/${edited.slug}/`);
    const lagMs = performance.now() - acknowledged;
    assert.equal(titleOf(page.text), 'Showbiz, corrected', `still the old page ${Math.round(lagMs)} ms after the edit`);
    assert.ok(lagMs < 1_000, `Varnish served the new page ${Math.round(lagMs)} ms after the edit`);
    const unrelatedAgain = await viaVarnish(`/${unrelated.slug}/`);
    const archiveAgain = await viaVarnish('/category/music/');
    assert.equal(unrelatedAgain.cache, 'HIT', 'another section’s article is still in Varnish');
    assert.equal(archiveAgain.cache, 'HIT', 'an archive not listing it too');
    const after = await varnish.stats();
    assert.ok(after.hits >= before.hits + 2, `hits ${before.hits} → ${after.hits}`);
  });
});
