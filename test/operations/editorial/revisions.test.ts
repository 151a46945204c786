import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { paragraphs } from '../../../src/content/body.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import { listRevisions, readRevision, restoreRevision } from '../../../src/operations/editorial/revisions.js';
import { diffRevisions } from '../../../src/operations/editorial/revision-diff.js';
import { contentOf } from '../../../src/operations/editorial/save-post.js';
import { SaveConflict } from '../../../src/operations/editorial/save-conflict.js';
import * as sqliteEditorial from '../../../src/store/sqlite/migrations/0004-editorial.js';
import * as postgresEditorial from '../../../src/store/postgres/migrations/0004-editorial.js';
import { createDraft, createNewsroom, HOUR, refusal, type Newsroom } from './newsroom.js';

/** Every save is kept; two of them can be compared as an editor reads them, and an old one brought back. */
for (const engine of ENGINES) {
  describe(`revisions (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    /** A draft by the writer, then the editor's rewrite of its title, body and tags. */
    async function editedPost() {
      const { writer, editor, basics } = newsroom;
      const draft = await createDraft(newsroom, newsroom.as(writer), {
        body: paragraphs(['The singer said he was tired of the feud.', 'Nobody expected the call.']),
      });
      newsroom.clock.advance(HOUR);
      const edited = await updatePost(newsroom.as(editor), {
        id: draft.id,
        revision: draft.revision,
        title: 'Legend finally speaks out',
        body: paragraphs(['The singer told CNN he was exhausted by the feud.', 'Nobody expected the call.', 'A new closing line.']),
        tagIds: [basics.personTagId],
      });
      return { draft, edited };
    }

    test('every save is a revision saying what, who and when, newest first', async () => {
      const { draft, edited } = await editedPost();
      const revisions = await listRevisions(newsroom.as(newsroom.editor), { id: draft.id });
      assert.deepEqual(
        revisions.map((r) => [r.revision, r.action, r.savedBy?.name, r.title, r.status]),
        [
          [edited.revision, 'save', 'Eddie Editor', 'Legend finally speaks out', 'draft'],
          [draft.revision, 'create', 'Wanda Writer', 'Legend speaks out', 'draft'],
        ],
      );
      assert.equal(revisions[0]!.savedAt, edited.updatedAt);
      const first = await readRevision(newsroom.as(newsroom.editor), { id: draft.id, revision: draft.revision });
      assert.deepEqual(first.snapshot, contentOf(draft));
    });

    test('the difference between two revisions names the changed words, field by field', async () => {
      const { draft, edited } = await editedPost();
      const diff = await diffRevisions(newsroom.as(newsroom.editor), { id: draft.id, from: draft.revision, to: edited.revision });
      assert.deepEqual(
        diff.fields.map((f) => f.field),
        ['title', 'tagIds', 'body'],
      );
      const lines = diff.text.split('\n');
      assert.equal(lines[0], 'Title: Legend {+finally +}speaks out');
      assert.equal(lines[1], 'Tags: [-Politics-], {+Kanye West+}', 'tags by name');
      assert.equal(lines[2], 'Body:');
      assert.match(diff.text, /~ The singer \[-said-\]\s*\{\+told CNN\+\} he was \[-tired of-\]\s*\{\+exhausted by\+\} the feud\./);
      assert.match(diff.text, /\+ A new closing line\./);
      assert.doesNotMatch(diff.text, /Nobody expected/, 'an unchanged block is not listed');
      const body = diff.fields.find((f) => f.field === 'body')!;
      assert.ok(body.parts.some((p) => p.change === 'removed' && p.text.includes('said')));
      assert.ok(body.parts.some((p) => p.change === 'added' && p.text.includes('exhausted')));
      assert.equal(diff.from.savedBy?.name, 'Wanda Writer');
      assert.equal(diff.to.savedBy?.name, 'Eddie Editor');
    });

    test('a revision can be compared with the post as it is now', async () => {
      const { draft, edited } = await editedPost();
      const diff = await diffRevisions(newsroom.as(newsroom.editor), { id: draft.id, from: edited.revision });
      assert.deepEqual(diff.fields, [], 'the latest revision is the post');
      const against = await diffRevisions(newsroom.as(newsroom.editor), { id: draft.id, from: draft.revision });
      assert.equal(against.to.revision, null);
      assert.match(against.text, /\{\+finally \+\}/);
    });

    test('restoring a revision saves its content again, keeping the status', async () => {
      const { draft, edited } = await editedPost();
      newsroom.clock.advance(HOUR);
      const restored = await restoreRevision(newsroom.as(newsroom.editor), { id: draft.id, revision: edited.revision, from: draft.revision });
      assert.equal(restored.revision, edited.revision + 1);
      assert.equal(restored.title, draft.title);
      assert.deepEqual(restored.body, draft.body);
      assert.deepEqual(restored.tagIds, draft.tagIds);
      assert.equal(restored.status, 'draft');
      const [latest] = await listRevisions(newsroom.as(newsroom.editor), { id: draft.id });
      assert.equal(latest?.action, 'restore');
      assert.equal(latest?.note, `restored revision ${draft.revision}`);
      const diff = await diffRevisions(newsroom.as(newsroom.editor), { id: draft.id, from: draft.revision });
      assert.deepEqual(diff.fields, []);
    });

    test('restoring from a stale revision is refused like any stale save', async () => {
      const { draft, edited } = await editedPost();
      const error = await refusal(restoreRevision(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision, from: draft.revision }));
      assert.ok(error instanceof SaveConflict);
      assert.equal((await t.store.posts.findById(draft.id))?.title, edited.title);
      const missing = await refusal(restoreRevision(newsroom.as(newsroom.writer), { id: draft.id, revision: edited.revision, from: 99 }));
      assert.equal(missing.code, 'NOT_FOUND');
    });

    test('a post stored before revisions were kept gets its first one from the migration', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer), {
        tagIds: [newsroom.basics.personTagId, newsroom.basics.tagId],
        seo: { title: 'SEO title', isNoindex: true },
        sources: [{ name: 'CNN', url: 'https://cnn.com/x' }],
        publishedAt: '2026-11-19T08:00:00Z',
      });
      const db = t.store.dialect.db;
      await db.deleteFrom('post_revisions').where('post_id', '=', draft.id).execute();
      const migration = engine === 'sqlite' ? sqliteEditorial : postgresEditorial;
      await migration.up(db as unknown as Kysely<unknown>);
      await migration.up(db as unknown as Kysely<unknown>);
      const [only, ...others] = await t.store.editorial.listRevisions(draft.id);
      assert.deepEqual(others, []);
      const revision = await t.store.editorial.findRevision(draft.id, only!.revision);
      assert.deepEqual(revision?.snapshot, contentOf(draft));
    });
  });
}
