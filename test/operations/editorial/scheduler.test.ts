import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import type { Post } from '../../../src/content/types.js';
import { publishDuePosts } from '../../../src/operations/editorial/publish-due.js';
import { startScheduler } from '../../../src/operations/editorial/scheduler.js';
import { dueQuery } from '../../../src/store/queries/editorial.js';
import type { PublishReport } from '../../../src/operations/editorial/publish-due.js';
import { createDraft, createNewsroom, HOUR, type Newsroom } from './newsroom.js';
import { startSchedulerProcess } from './scheduler-process.js';

/** Waits until `check` holds, for timer-driven behaviour. */
async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

for (const engine of ENGINES) {
  describe(`publishing scheduled posts (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    const inHours = (hours: number) => new Date(newsroom.clock.now().getTime() + hours * HOUR).toISOString();
    const scheduled = (count: number, hours: number, prefix: string) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          createDraft(newsroom, newsroom.as(newsroom.editor), { title: `${prefix} ${i + 1}`, status: 'scheduled', publishedAt: inHours(hours) }),
        ),
      );
    const scheduledPublications = async (post: Post) =>
      (await t.store.editorial.listRevisions(post.id)).filter((r) => r.action === 'scheduled-publish');

    test('publishes the posts whose time has come, and only those', async () => {
      const [soon] = await scheduled(1, 1, 'Soon');
      const [later] = await scheduled(1, 3, 'Later');
      newsroom.clock.advance(2 * HOUR);

      const report = await publishDuePosts({ store: t.store, clock: newsroom.clock });

      assert.deepEqual(report.published, [{ id: soon!.id, slug: soon!.slug }]);
      assert.deepEqual(report.failed, []);
      const published = await t.store.posts.findById(soon!.id);
      assert.equal(published?.status, 'published');
      assert.equal(published?.revision, soon!.revision + 1);
      assert.equal(published?.updatedAt, soon!.publishedAt, 'dated at its publication, not corrected the moment it appears');
      assert.equal((await t.store.posts.findById(later!.id))?.status, 'scheduled');
      const now = newsroom.clock.now().toISOString();
      assert.ok(await t.store.posts.findPublishedBySlug(soon!.slug, now));
      const tagged = await t.store.posts.listCards({ scope: { kind: 'tag', id: newsroom.basics.tagId }, now, limit: 100 });
      assert.ok(tagged.some((c) => c.id === soon!.id), 'the tag archive, read through the link table, lists it');
      const [record] = await scheduledPublications(soon!);
      assert.equal(record?.savedBy, null);

      const again = await publishDuePosts({ store: t.store, clock: newsroom.clock });
      assert.deepEqual(again.published, [], 'a second run finds nothing left to do');
    });

    test('two scheduler processes running at once publish each due post exactly once', async () => {
      const due = await scheduled(30, 1, 'Race');
      newsroom.clock.advance(2 * HOUR);
      const now = newsroom.clock.now().toISOString();
      const expected = await t.store.editorial.listDue({ now, limit: 1000 });
      assert.ok(due.every((p) => expected.includes(p.id)));
      const runners = await Promise.all([startSchedulerProcess(t.location, now), startSchedulerProcess(t.location, now)]);
      for (const r of runners) r.go();
      const results = await Promise.all(runners.map((r) => r.result));

      assert.deepEqual(results.flatMap((r) => r.failed), []);
      const ids = results.flatMap((r) => r.published).sort((a, b) => a - b);
      assert.deepEqual(ids, expected.sort((a, b) => a - b), 'every due post once, none twice');
      for (const post of due) {
        assert.equal((await scheduledPublications(post)).length, 1);
        assert.equal((await t.store.posts.findById(post.id))?.revision, post.revision + 1);
      }
    });

    test('two runs at once in one process publish each due post exactly once', async () => {
      const due = await scheduled(10, 1, 'Twin');
      newsroom.clock.advance(2 * HOUR);
      const context = { store: t.store, clock: newsroom.clock };
      const expected = await t.store.editorial.listDue({ now: newsroom.clock.now().toISOString(), limit: 1000 });
      assert.ok(due.every((p) => expected.includes(p.id)));
      const reports = await Promise.all([publishDuePosts(context), publishDuePosts(context)]);
      const ids = reports.flatMap((r) => r.published.map((p) => p.id)).sort((a, b) => a - b);
      assert.deepEqual(ids, expected.sort((a, b) => a - b));
    });

    test('finding due posts reads the scheduled ones only, through an index', async () => {
      const plan = await t.store.dialect.explain(dueQuery(t.store.dialect, { now: newsroom.clock.now().toISOString(), limit: 200 }).compile());
      assert.match(plan, engine === 'sqlite' ? /SEARCH posts USING INDEX posts_newsroom_status \(status=\?\)/ : /Index Scan (using|on) posts_newsroom_status.*\n\s*Index Cond: \(status = 'scheduled'::text\)/, plan);
    });

    test('the scheduler runs at start and on every interval, and stops', async () => {
      const [first] = await scheduled(1, 1, 'Ticking');
      newsroom.clock.advance(2 * HOUR);
      const reports: PublishReport[] = [];
      const errors: unknown[] = [];
      const stop = startScheduler({ context: { store: t.store, clock: newsroom.clock }, intervalMs: 20, onError: (e) => errors.push(e), onReport: (r) => reports.push(r) });
      try {
        await eventually(() => reports.length >= 1);
        assert.ok(reports[0]!.published.some((p) => p.id === first!.id), 'the first run is at start, not after an interval');

        const [second] = await scheduled(1, 1, 'Ticking later');
        newsroom.clock.advance(2 * HOUR);
        await eventually(() => reports.some((r) => r.published.some((p) => p.id === second!.id)));
      } finally {
        await stop();
      }
      const runs = reports.length;
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(reports.length, runs, 'no run after stop');
      assert.deepEqual(errors, []);
    });

    test('a failed run is reported and the scheduler keeps trying', async () => {
      const broken = await createTestStore(engine);
      await broken.store.close();
      const errors: unknown[] = [];
      const stop = startScheduler({ context: { store: broken.store, clock: newsroom.clock }, intervalMs: 10, onError: (e) => errors.push(e) });
      try {
        await eventually(() => errors.length >= 2);
      } finally {
        await stop();
        await broken.cleanup();
      }
      assert.ok(errors[0] instanceof Error);
    });
  });
}
