import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import type { ImportReport } from '../../src/import/wordpress/import-report.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { tempDir } from '../helpers/cli-process.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';

/**
 * Old WordPress sites often hold Windows-1252 punctuation that was read as
 * Latin-1 and stored as C1 control characters (U+0092 where ’ was typed).
 * The store refuses control characters in text, so the importer must turn
 * them back into what was typed instead of failing the post.
 */
const cdata = (text: string) => `<![CDATA[${text}]]>`;
const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old Site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login><wp:author_email>ed@old.example</wp:author_email><wp:author_display_name>${cdata('Ed\u0092s Desk')}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug>gossip</wp:tag_slug><wp:tag_name>${cdata('Gossip\u0085')}</wp:tag_name></wp:tag>
<item><title>Kanye\u0092s \u0093new\u0094 album \u0096 reviewed\u007f</title><link>https://old.example/kanye/</link><dc:creator>${cdata('ed')}</dc:creator>
<guid isPermaLink="false">https://old.example/?p=10</guid><content:encoded>${cdata('<p>It\u0092s here\u0085 finally\u0081.</p>')}</content:encoded><excerpt:encoded>${cdata('A \u0093must\u0094.')}</excerpt:encoded>
<wp:post_id>10</wp:post_id><wp:post_date>2012-03-04 09:00:00</wp:post_date><wp:post_date_gmt>2012-03-04 09:00:00</wp:post_date_gmt>
<wp:post_name>kanye</wp:post_name><wp:status>publish</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>
<wp:postmeta><wp:meta_key>_yoast_wpseo_title</wp:meta_key><wp:meta_value>${cdata('Kanye\u0092s album')}</wp:meta_value></wp:postmeta>
<category domain="post_tag" nicename="gossip">${cdata('Gossip\u0085')}</category>
<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author>${cdata('Reader\u0092s name')}</wp:comment_author><wp:comment_author_email>r@example.com</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_date_gmt>2012-03-05 09:00:00</wp:comment_date_gmt><wp:comment_content>${cdata('Love it\u0085')}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
</channel></rss>
`;

for (const engine of ENGINES) {
  describe(`importing text with Windows-1252 punctuation stored as control characters (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let report: ImportReport;

    before(async () => {
      t = await createTestStore(engine);
      const exportFile = join(tempDir(), 'old.xml');
      writeFileSync(exportFile, EXPORT);
      const mediaDir = join(t.dataDir, 'media');
      report = await importWordPress({ store: t.store, clock: testClock(), images: createSharpIngest({ mediaDir }) }, { file: exportFile, mediaDir });
    });
    after(() => t?.cleanup());

    test('the post is imported, not failed', () => {
      const entry = report.items.find((i) => i.type === 'post' && i.wpId === '10');
      assert.notEqual(entry?.outcome, 'failed', JSON.stringify(entry));
      assert.equal(report.counts['post']?.created, 1, JSON.stringify(report.counts));
    });

    test('its title, excerpt, SEO title, body, byline, tag and comment read as typed, with no control character left', async () => {
      const row = await t.store.dialect.db.selectFrom('posts').select(['id']).where('slug', '=', 'kanye').executeTakeFirstOrThrow();
      const post = (await t.store.posts.findById(row.id))!;
      assert.equal(post.title, 'Kanye’s “new” album – reviewed');
      assert.equal(post.excerpt, 'A “must”.');
      assert.equal(post.seo.title, 'Kanye’s album', 'text from postmeta is repaired too');
      const text = JSON.stringify(post.body);
      assert.match(text, /It’s here… finally\./);
      const [author] = await t.store.users.findByIds(post.authorIds);
      assert.equal(author?.name, 'Ed’s Desk');
      const tags = await t.store.dialect.db.selectFrom('tags').select(['name']).execute();
      assert.deepEqual(tags.map((tag) => tag.name), ['Gossip…']);
      const comments = await t.store.dialect.db.selectFrom('comments').selectAll().execute();
      assert.equal(comments.length, 1);
      const stored = JSON.stringify(comments[0]);
      assert.match(stored, /Reader’s name/);
      assert.doesNotMatch(JSON.stringify([post, author, tags, comments]), /[\u0080-\u009f\u007f]/);
    });
  });
}
