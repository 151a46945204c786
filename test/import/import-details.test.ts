import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import { importWordPress } from '../../src/import/wordpress/import-site.js';
import type { ImportReport } from '../../src/import/wordpress/import-report.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';
import { createAccount } from '../../src/operations/accounts/create-account.js';
import { tempDir } from '../helpers/cli-process.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { testClock } from '../helpers/factories.js';

/**
 * The parts of an export the theme unit test data does not exercise, in one
 * small export written here: Co-Authors Plus, Yoast's fields and primary
 * category, private and past-due scheduled posts, replies before the comment
 * they answer, spam and trash, credit and copyright from WordPress's image
 * metadata, and an attachment path that tries to leave the uploads folder.
 */
const cdata = (text: string) => `<![CDATA[${text}]]>`;
const meta = (key: string, value: string) => `<wp:postmeta><wp:meta_key>${key}</wp:meta_key><wp:meta_value>${cdata(value)}</wp:meta_value></wp:postmeta>`;
const comment = (c: { id: number; parent: number; approved: string; author: string; text: string; date: string }) =>
  `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cdata(c.author)}</wp:comment_author><wp:comment_author_email>x@example.com</wp:comment_author_email>` +
  `<wp:comment_author_url>https://example.com/</wp:comment_author_url><wp:comment_date_gmt>${c.date}</wp:comment_date_gmt>` +
  `<wp:comment_content>${cdata(c.text)}</wp:comment_content><wp:comment_approved>${c.approved}</wp:comment_approved><wp:comment_type></wp:comment_type><wp:comment_parent>${c.parent}</wp:comment_parent></wp:comment>`;

function item(i: { id: number; type?: string; status?: string; slug: string; title: string; date?: string; content?: string; extra?: string }): string {
  return `<item><title>${i.title}</title><link>https://mamasuncut.com/2020/10/26/${i.slug}/</link><dc:creator>${cdata('nia')}</dc:creator>
<guid isPermaLink="false">https://mamasuncut.com/?p=${i.id}</guid><content:encoded>${cdata(i.content ?? '<p>Words.</p>')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${i.id}</wp:post_id><wp:post_date>${i.date ?? '2020-10-26 09:00:00'}</wp:post_date><wp:post_date_gmt>${i.date ?? '2020-10-26 13:00:00'}</wp:post_date_gmt>
<wp:post_name>${i.slug}</wp:post_name><wp:status>${i.status ?? 'publish'}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order>
<wp:post_type>${i.type ?? 'post'}</wp:post_type><wp:post_password></wp:post_password><wp:is_sticky>0</wp:is_sticky>${i.extra ?? ''}</item>`;
}

// PHP counts bytes: © is two.
const IMAGE_META = 'a:3:{s:5:"width";i:120;s:6:"height";i:80;s:10:"image_meta";a:2:{s:6:"credit";s:8:"Jane Doe";s:9:"copyright";s:15:"Reuters 2020 ©";}}';

const EXPORT = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.1/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.1/">
<channel><title>Mamas Uncut</title><link>https://mamasuncut.com</link><wp:wxr_version>1.1</wp:wxr_version>
<wp:base_site_url>https://mamasuncut.com</wp:base_site_url><wp:base_blog_url>https://mamasuncut.com</wp:base_blog_url>
<wp:author><wp:author_id>7</wp:author_id><wp:author_login>nia</wp:author_login><wp:author_email>nia@mamasuncut.com</wp:author_email><wp:author_display_name>${cdata('Nia Long')}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
<wp:author><wp:author_id>8</wp:author_id><wp:author_login>ada</wp:author_login><wp:author_email>ada@news.example</wp:author_email><wp:author_display_name>${cdata('Ada From WordPress')}</wp:author_display_name><wp:author_first_name></wp:author_first_name><wp:author_last_name></wp:author_last_name></wp:author>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>music</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Music')}</wp:cat_name></wp:category>
<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename>politics</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>${cdata('Politics')}</wp:cat_name></wp:category>
<wp:term><wp:term_id>20</wp:term_id><wp:term_taxonomy>author</wp:term_taxonomy><wp:term_slug>cap-nia</wp:term_slug><wp:term_name>${cdata('Nia Long')}</wp:term_name></wp:term>
<wp:term><wp:term_id>21</wp:term_id><wp:term_taxonomy>author</wp:term_taxonomy><wp:term_slug>cap-guest-writer</wp:term_slug><wp:term_name>${cdata('Guest Writer')}</wp:term_name></wp:term>
${item({ id: 30, type: 'attachment', status: 'inherit', slug: 'legend', title: 'Legend on stage', extra: `<wp:attachment_url>https://mamasuncut.com/wp-content/uploads/2020/10/legend.jpg</wp:attachment_url>${meta('_wp_attached_file', '2020/10/legend.jpg')}${meta('_wp_attachment_metadata', IMAGE_META)}${meta('_wp_attachment_image_alt', 'John Legend singing')}` })}
${item({ id: 31, type: 'attachment', status: 'inherit', slug: 'sneaky', title: 'Sneaky', extra: `<wp:attachment_url>https://mamasuncut.com/wp-content/uploads/x.jpg</wp:attachment_url>${meta('_wp_attached_file', '../../outside.jpg')}` })}
${item({
  id: 40, slug: 'legend-and-kanye', title: 'Legend and Kanye',
  content: '<p>"We haven\'t talked," he said.</p><p><img class="wp-image-30" src="https://mamasuncut.com/wp-content/uploads/2020/10/legend-300x200.jpg" alt="" /></p>',
  extra: `<category domain="category" nicename="music">${cdata('Music')}</category><category domain="category" nicename="politics">${cdata('Politics')}</category>` +
    `<category domain="author" nicename="cap-guest-writer">${cdata('Guest Writer')}</category><category domain="author" nicename="cap-nia">${cdata('Nia Long')}</category>` +
    meta('_yoast_wpseo_title', 'Legend and Kanye: the full story') + meta('_yoast_wpseo_metadesc', 'Why the two stopped talking.') + meta('_yoast_wpseo_primary_category', '4') + meta('_thumbnail_id', '30') +
    comment({ id: 502, parent: 501, approved: '1', author: 'Replier', text: 'I agree.', date: '2020-10-27 10:00:00' }) +
    comment({ id: 501, parent: 0, approved: '1', author: 'First', text: 'Great piece.\n\nReally.', date: '2020-10-27 09:00:00' }) +
    comment({ id: 503, parent: 0, approved: 'spam', author: 'Spammer', text: 'Buy now', date: '2020-10-27 11:00:00' }) +
    comment({ id: 504, parent: 0, approved: 'trash', author: 'Binned', text: 'Gone', date: '2020-10-27 12:00:00' }),
})}
${item({ id: 41, status: 'private', slug: 'private-notes', title: 'Private notes' })}
${item({ id: 42, status: 'future', slug: 'was-scheduled', title: 'Was scheduled', date: '2021-01-01 10:00:00' })}
${item({ id: 43, type: 'page', slug: 'about', title: 'About us' })}
</channel></rss>
`;

for (const engine of ENGINES) {
  describe(`importing what the theme unit test data leaves out (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    let report: ImportReport;

    before(async () => {
      t = await createTestStore(engine);
      const context = { store: t.store, clock: testClock() };
      await createAccount(context, { email: 'ada@news.example', name: 'Ada Admin', role: 'administrator', password: 'administrator passphrase' });
      const uploads = tempDir();
      const file = join(uploads, '2020/10/legend.jpg');
      mkdirSync(dirname(file), { recursive: true });
      await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 1, g: 2, b: 3 } } }).jpeg().toFile(file);
      writeFileSync(join(dirname(uploads), 'outside.jpg'), 'not for the importer');
      const exportFile = join(tempDir(), 'small.xml');
      writeFileSync(exportFile, EXPORT);
      const mediaDir = join(t.dataDir, 'media');
      report = await importWordPress({ ...context, images: createSharpIngest({ mediaDir }) }, { file: exportFile, uploadsDir: uploads, mediaDir });
    });
    after(() => t?.cleanup());

    const postBySlug = async (slug: string) => {
      const row = await t.store.dialect.db.selectFrom('posts').select(['id']).where('slug', '=', slug).executeTakeFirstOrThrow();
      return (await t.store.posts.findById(row.id))!;
    };

    test('Co-Authors Plus authors in their order; a guest author becomes an invited user; an existing account is matched by email', async () => {
      const post = await postBySlug('legend-and-kanye');
      const users = await t.store.users.findByIds(post.authorIds);
      const names = post.authorIds.map((id) => users.find((u) => u.id === id)!.name);
      assert.deepEqual(names, ['Guest Writer', 'Nia Long']);
      const guest = await t.store.accounts.findById(post.authorIds[0]!);
      assert.equal(guest?.status, 'invited');
      const admin = await t.store.accounts.findByEmail('ada@news.example');
      assert.equal(admin?.name, 'Ada Admin', 'the existing account is kept as it is');
      assert.equal((await t.store.dialect.db.selectFrom('users').select('id').execute()).length, 3, 'Nia, the guest and Ada: no second Ada');
    });

    test("Yoast's title, description and primary category; the other category is listed in the report", async () => {
      const post = await postBySlug('legend-and-kanye');
      assert.deepEqual([post.seo.title, post.seo.description], ['Legend and Kanye: the full story', 'Why the two stopped talking.']);
      assert.equal((await t.store.categories.findById(post.categoryId!))?.slug, 'politics');
      const entry = report.items.find((i) => i.type === 'post' && i.wpId === '40');
      assert.ok(entry?.notes?.some((n) => /2 categories/.test(n)), JSON.stringify(entry));
    });

    test("the picture: found by its resized URL, with the alt text and WordPress's credit and copyright; featured", async () => {
      const post = await postBySlug('legend-and-kanye');
      const image = post.body.find((b) => b.type === 'image');
      assert.ok(image && image.type === 'image');
      assert.equal(post.featuredMediaId, image.media);
      const media = (await t.store.media.findById(image.media))!;
      assert.deepEqual([media.alt, media.credit, media.licence, media.title], ['John Legend singing', 'Jane Doe', 'Reuters 2020 ©', 'Legend on stage']);
    });

    test('an attachment path that leaves the uploads folder is not read', async () => {
      const entry = report.items.find((i) => i.type === 'attachment' && i.wpId === '31');
      assert.equal(entry?.outcome, 'skipped');
      assert.match(entry!.reason!, /not in the uploads folder/);
      assert.equal((await t.store.dialect.db.selectFrom('media').select('id').execute()).length, 1);
    });

    test('comments: a reply written before the comment it answers is threaded under it; spam kept as spam; the trash left behind', async () => {
      const post = await postBySlug('legend-and-kanye');
      const rows = await t.store.dialect.db.selectFrom('comments').selectAll().where('post_id', '=', post.id).orderBy('id').execute();
      const byAuthor = new Map(rows.map((r) => [r.author_name, r]));
      assert.deepEqual([...byAuthor.keys()].sort(), ['First', 'Replier', 'Spammer']);
      assert.equal(byAuthor.get('Replier')!.parent_id, byAuthor.get('First')!.id);
      assert.equal(byAuthor.get('Spammer')!.status, 'spam');
      // Kept as typed; the page shows it in paragraphs, as WordPress does.
      assert.equal(byAuthor.get('First')!.content, 'Great piece.\n\nReally.');
      const { comments_html: shown } = await t.store.dialect.db.selectFrom('posts').select('comments_html').where('id', '=', post.id).executeTakeFirstOrThrow();
      assert.match(shown, /<p>Great piece\.<\/p><p>Really\.<\/p>/);
      assert.equal(report.items.find((i) => i.type === 'comment' && i.wpId === '504')?.reason, 'in the WordPress trash');
    });

    test('a private post is kept as a draft; a scheduled one whose time has passed is published', async () => {
      assert.equal((await postBySlug('private-notes')).status, 'draft');
      const late = await postBySlug('was-scheduled');
      assert.equal(late.status, 'published');
      assert.equal(late.publishedAt, '2021-01-01T10:00:00.000Z');
      assert.equal((await postBySlug('about')).kind, 'page');
    });
  });
}
