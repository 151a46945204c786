import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless } from '../helpers/engines.js';
import { createDraft, createNewsroom, HOUR } from '../operations/editorial/newsroom.js';
import { startSchedulerProcess } from '../operations/editorial/scheduler-process.js';

/**
 * Scheduled posts are not jobs: each is claimed by one conditional UPDATE
 * (README, "Jobs"). Four scheduler processes started together on 20 posts
 * due in the same minute publish each exactly once.
 */
for (const engine of ENGINES) {
  describe(`posts scheduled for the same minute (${engine})`, { skip: await skipUnless(engine) }, () => {
    test('four scheduler processes at once publish each of 20 exactly once', async () => {
      const t = await createTestStore(engine);
      try {
        const newsroom = await createNewsroom(t.store);
        const minute = new Date(Math.ceil((newsroom.clock.now().getTime() + HOUR) / 60_000) * 60_000);
        const due = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            createDraft(newsroom, newsroom.as(newsroom.editor), { title: `Same minute ${i + 1}`, status: 'scheduled', publishedAt: new Date(minute.getTime() + i * 2_000).toISOString() }),
          ),
        );
        const now = new Date(minute.getTime() + 60_000).toISOString();
        const runners = await Promise.all([1, 2, 3, 4].map(() => startSchedulerProcess(t.location, now)));
        for (const r of runners) r.go();
        const results = await Promise.all(runners.map((r) => r.result));
        assert.deepEqual(results.flatMap((r) => r.failed), []);
        const ids = results.flatMap((r) => r.published).sort((a, b) => a - b);
        assert.deepEqual(ids, due.map((p) => p.id).sort((a, b) => a - b), 'every post once, none twice');
        for (const post of due) {
          const publications = (await t.store.editorial.listRevisions(post.id)).filter((r) => r.action === 'scheduled-publish');
          assert.equal(publications.length, 1);
        }
      } finally {
        await t.cleanup();
      }
    });
  });
}
