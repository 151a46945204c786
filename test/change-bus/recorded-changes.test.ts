import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { createArticles, createBasics, testClock, type Basics } from '../helpers/factories.js';
import type { Change } from '../../src/content/store-changes.js';
import { updateSettings } from '../../src/operations/settings.js';
import { createTag } from '../../src/operations/create-terms.js';
import { updateTag, deleteTag } from '../../src/operations/taxonomy/tags.js';
import { mergeTags } from '../../src/operations/taxonomy/merge-tags.js';
import { updatePost } from '../../src/operations/editorial/update-post.js';
import { unpublish } from '../../src/operations/editorial/workflow.js';
import { createRedirect, deleteRedirect, updateRedirect } from '../../src/operations/redirects/manage-redirects.js';

/**
 * The response cache (next) invalidates from the outbox, so every write must
 * say exactly what it changed, and a refused write must say nothing.
 */
for (const engine of ENGINES) {
  describe(`what each write records in the change outbox (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let basics: Basics;
    const context = () => ({ store: t.store, clock: testClock() });

    before(async () => {
      t = await createTestStore(engine);
      basics = await createBasics(t.store);
    });
    after(async () => t?.cleanup());

    /** The changes `write` recorded (kind and ids), in order. */
    async function recordedBy(write: () => Promise<unknown>): Promise<Change[]> {
      const afterId = await t.store.changes.latestId();
      await write();
      return (await t.store.changes.listSince({ afterId, limit: 1000 })).map(({ kind, ids }) => (ids ? { kind, ids } : { kind }));
    }

    test('a settings change records one settings change; a refused one records nothing', async () => {
      assert.deepEqual(await recordedBy(() => updateSettings(context(), { tagline: 'Always on' })), [{ kind: 'settings' }]);
      assert.deepEqual(await recordedBy(() => assert.rejects(updateSettings(context(), { timezone: 'Mars/Olympus' }))), []);
    });

    test('a post created, saved and unpublished records that post each time', async () => {
      const [post] = await createArticles(t.store, basics, { count: 1, prefix: 'Outbox' });
      const actor = { id: basics.authorId, role: 'editor' };
      assert.deepEqual(await recordedBy(() => createArticles(t.store, basics, { count: 1, prefix: 'Second outbox' }).then(([p]) => assert.ok(p))), [
        { kind: 'post', ids: [post!.id + 1] },
      ]);
      assert.deepEqual(await recordedBy(() => updatePost({ ...context(), actor }, { id: post!.id, revision: post!.revision, title: 'Outbox, saved' })), [{ kind: 'post', ids: [post!.id] }]);
      assert.deepEqual(await recordedBy(() => unpublish({ ...context(), actor }, { id: post!.id, revision: post!.revision + 1 })), [{ kind: 'post', ids: [post!.id] }]);
      // A stale save is refused inside its transaction: nothing is announced.
      assert.deepEqual(await recordedBy(() => assert.rejects(updatePost({ ...context(), actor }, { id: post!.id, revision: post!.revision, title: 'Stale' }))), []);
    });

    test('a tag renamed, merged and deleted records the tags and the posts that lose them', async () => {
      const from = await createTag(context(), { name: 'Outbox from' });
      const into = await createTag(context(), { name: 'Outbox into' });
      const [post] = await createArticles(t.store, basics, { count: 1, prefix: 'Tagged outbox', tagIds: [from.id] });
      const renamed = await recordedBy(() => updateTag(context(), from.id, { name: 'Outbox renamed' }));
      assert.deepEqual(renamed[0], { kind: 'term', ids: [from.id] });
      // The posts showing it are rendered again (now or by a job): when they are, that is recorded too.
      assert.ok(renamed.slice(1).every((c) => c.kind === 'post' || c.kind === 'jobs'));
      const merged = await recordedBy(() => mergeTags(context(), { from: from.id, into: into.id }));
      assert.deepEqual(merged.slice(0, 2), [
        { kind: 'term', ids: [from.id, into.id].sort((a, b) => a - b) },
        { kind: 'post', ids: [post!.id] },
      ]);
      const deleted = await recordedBy(() => deleteTag(context(), into.id));
      assert.deepEqual(deleted.slice(0, 2), [
        { kind: 'term', ids: [into.id] },
        { kind: 'post', ids: [post!.id] },
      ]);
    });

    test('a redirect created, changed and deleted records its id each time', async () => {
      let id = 0;
      const created = await recordedBy(async () => (id = (await createRedirect(context(), { fromPath: '/outbox-old/', toPath: '/outbox-new/' })).id));
      assert.deepEqual(created, [{ kind: 'redirects', ids: [id] }]);
      assert.deepEqual(await recordedBy(() => updateRedirect(context(), id, { statusCode: 302 })), [{ kind: 'redirects', ids: [id] }]);
      assert.deepEqual(await recordedBy(() => deleteRedirect(context(), id)), [{ kind: 'redirects', ids: [id] }]);
      assert.deepEqual(await recordedBy(() => assert.rejects(deleteRedirect(context(), id))), []);
    });

    test('old changes are pruned, newer ones kept', async () => {
      await t.store.changes.record({ kind: 'jobs' });
      const newest = await t.store.changes.latestId();
      assert.equal(await t.store.changes.prune(new Date(Date.now() - 3_600_000).toISOString()), 0);
      assert.ok((await t.store.changes.prune(new Date(Date.now() + 60_000).toISOString())) > 0);
      assert.deepEqual(await t.store.changes.listSince({ afterId: 0, limit: 10 }), []);
      // Ids go on from where they were: a listener's "since" stays valid.
      assert.ok((await t.store.changes.record({ kind: 'jobs' })) > newest);
    });
  });
}
