import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as cheerio from 'cheerio';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../../helpers/engines.js';
import { createPreviewToken, readPreview, revokePreviewTokens } from '../../../src/operations/editorial/preview.js';
import { updatePost } from '../../../src/operations/editorial/update-post.js';
import { createDraft, createNewsroom, DAY, refusal, type Newsroom } from './newsroom.js';

/** A private link shows a post that is not public yet, for a while, until it is revoked. */
for (const engine of ENGINES) {
  describe(`preview links (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let newsroom: Newsroom;

    before(async () => {
      t = await createTestStore(engine);
      newsroom = await createNewsroom(t.store);
    });
    after(() => t?.cleanup());

    const read = (token: string) => readPreview({ store: t.store, clock: newsroom.clock }, token);
    const headline = (html: string) => cheerio.load(html)('h1').text();

    test('shows a draft as its page would be, from a token the store keeps only as a hash', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer), { title: 'Not out yet' });
      const { token, expiresAt } = await createPreviewToken(newsroom.as(newsroom.writer), { id: draft.id });
      assert.equal(expiresAt, new Date(newsroom.clock.now().getTime() + 7 * DAY).toISOString());

      const preview = await read(token);
      assert.equal(preview.postId, draft.id);
      assert.equal(preview.status, 'draft');
      assert.equal(headline(preview.fragments.articleHtml), 'Not out yet');
      assert.match(preview.fragments.headHtml, /<title>Not out yet/);
      assert.equal(await t.store.posts.findPublishedBySlug(draft.slug, newsroom.clock.now().toISOString()), undefined, 'still not public');

      const rows = await t.store.dialect.db.selectFrom('preview_tokens').selectAll().where('post_id', '=', draft.id).execute();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.token_hash, createHash('sha256').update(token).digest('hex'));
      assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is not stored');
    });

    test('shows the post as last saved', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer), { title: 'First headline' });
      const { token } = await createPreviewToken(newsroom.as(newsroom.writer), { id: draft.id });
      await updatePost(newsroom.as(newsroom.writer), { id: draft.id, revision: draft.revision, title: 'Second headline' });
      assert.equal(headline((await read(token)).fragments.articleHtml), 'Second headline');
    });

    test('expires', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const { token } = await createPreviewToken(newsroom.as(newsroom.writer), { id: draft.id, expiresInDays: 2 });
      newsroom.clock.advance(2 * DAY - 1);
      assert.equal((await read(token)).postId, draft.id);
      newsroom.clock.advance(1);
      assert.equal((await refusal(read(token))).code, 'NOT_FOUND');
    });

    test('stops working once revoked; a new link works again', async () => {
      const draft = await createDraft(newsroom, newsroom.as(newsroom.writer));
      const first = await createPreviewToken(newsroom.as(newsroom.writer), { id: draft.id });
      const second = await createPreviewToken(newsroom.as(newsroom.editor), { id: draft.id });
      assert.equal(await revokePreviewTokens(newsroom.as(newsroom.editor), { id: draft.id }), 2);
      assert.equal((await refusal(read(first.token))).code, 'NOT_FOUND');
      assert.equal((await refusal(read(second.token))).code, 'NOT_FOUND');
      const third = await createPreviewToken(newsroom.as(newsroom.editor), { id: draft.id });
      assert.equal((await read(third.token)).postId, draft.id);
    });

    test('a made-up or malformed token finds nothing', async () => {
      assert.equal((await refusal(read('A'.repeat(43)))).code, 'NOT_FOUND');
      assert.equal((await refusal(read('../../etc/passwd'))).code, 'NOT_FOUND');
      const error = await refusal(createPreviewToken(newsroom.as(newsroom.writer), { id: 999_999 }));
      assert.equal(error.code, 'NOT_FOUND');
    });
  });
}
