import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
import { test } from 'node:test';
import { readWxr } from '../../src/import/wordpress/wxr-reader.js';
import type { WxrItem } from '../../src/import/wordpress/wxr-records.js';
import { FIXTURE, fixtureText, readAll, readError } from './wxr-fixture.js';

/** Counts straight from the text, so the reader is checked against something it did not compute. */
function countInText(xml: string): Record<string, number> {
  const field = (chunk: string, name: string): string =>
    new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([a-z_-]*)`).exec(chunk)?.[1] ?? '';
  const counts: Record<string, number> = {};
  for (const chunk of xml.split('<item>').slice(1)) {
    const key = `${field(chunk, 'post_type')}/${field(chunk, 'status')}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  counts['comments'] = xml.split('<wp:comment>').length - 1;
  counts['categories'] = xml.split('<wp:category>').length - 1;
  counts['tags'] = xml.split('<wp:tag>').length - 1;
  return counts;
}

test('reads as many posts, pages, attachments, comments and terms as the export holds', async () => {
  const xml = fixtureText();
  const expected = countInText(xml);
  const records = await readAll(xml);
  const items = records.filter((r): r is WxrItem => r.kind === 'item');
  const count = (type: string, status: string): number => items.filter((i) => i.postType === type && i.status === status).length;
  assert.equal(count('post', 'publish'), expected['post/publish']);
  assert.equal(count('page', 'publish'), expected['page/publish']);
  assert.equal(count('attachment', 'inherit'), expected['attachment/inherit']);
  assert.equal(items.reduce((sum, i) => sum + i.comments.length, 0), expected['comments']);
  assert.equal(records.filter((r) => r.kind === 'category').length, expected['categories']);
  assert.equal(records.filter((r) => r.kind === 'tag').length, expected['tags']);
  // The theme unit test data as shipped: what the figures in the README come from.
  assert.deepEqual([count('post', 'publish'), count('page', 'publish'), count('attachment', 'inherit')], [56, 21, 37]);
  assert.deepEqual([expected['comments'], expected['categories'], expected['tags']], [33, 68, 110]);
});

test('gives the site, authors and an item with its terms, comments and metadata', async () => {
  const records = await readAll(fixtureText());
  const site = records[0];
  assert.equal(site?.kind, 'site');
  assert.equal(site?.kind === 'site' && site.title, 'Theme Unit Test Data');
  assert.equal(site?.kind === 'site' && site.baseBlogUrl, 'https://wpthemetestdata.wordpress.com');
  const author = records.find((r) => r.kind === 'author' && r.login === 'themereviewteam');
  assert.deepEqual(author && author.kind === 'author' && [author.displayName, author.firstName, author.lastName], ['Theme Reviewer', 'Theme', 'Review']);
  const category = records.find((r) => r.kind === 'category' && r.nicename === 'aciform');
  assert.equal(category?.kind === 'category' && category.termId, 2835016);
  const item = records.find((r): r is WxrItem => r.kind === 'item' && r.comments.length > 1);
  assert.ok(item, 'an item with comments');
  assert.ok(item.postId && item.postId > 0);
  assert.ok(item.comments.every((c) => c.id !== undefined && c.dateGmt !== ''));
  const tagged = records.find((r): r is WxrItem => r.kind === 'item' && r.terms.some((t) => t.domain === 'post_tag'));
  assert.ok(tagged?.terms.every((t) => t.nicename !== '' && t.name !== ''));
});

test('reads the http:// namespace of older exports like the https:// one', async () => {
  const xml = fixtureText();
  const older = xml.replaceAll('https://wordpress.org/export/1.2/', 'http://wordpress.org/export/1.1/');
  assert.notEqual(older, xml);
  const [now, before] = await Promise.all([readAll(xml), readAll(older)]);
  assert.equal(before.length, now.length);
  assert.deepEqual(before.at(-1), now.at(-1));
});

test('refuses a truncated export, naming the line where it ends', async () => {
  const xml = fixtureText();
  const cut = xml.slice(0, Math.floor(xml.length / 2));
  const lastLine = cut.split('\n').length;
  const error = await readError(cut);
  assert.match(error.message, /^export\.xml:(\d+): unexpected end of file/);
  assert.equal(Number(/:(\d+):/.exec(error.message)?.[1]), lastLine);
});

test('refuses XML that is not a WordPress export, and text that is not XML', async () => {
  const rss = '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>A feed</title></channel></rss>';
  assert.equal((await readError(rss)).message, 'export.xml:2: not a WordPress export (no <rss> with the wp namespace)');
  const broken = await readError('<rss xmlns:wp="http://wordpress.org/export/1.0/">\n<channel>\n<item></channel>');
  assert.match(broken.message, /^export\.xml:3: .*unexpected close tag/);
  assert.match((await readError('{"posts": []}')).message, /^export\.xml:1: not a WordPress export/);
});

test('yields records while the file is still being read', async () => {
  const stream = createReadStream(FIXTURE, { highWaterMark: 16 * 1024 });
  let bytesAtFirstItem = -1;
  for await (const record of readWxr(stream)) {
    if (record.kind === 'item') {
      bytesAtFirstItem = stream.bytesRead;
      break;
    }
  }
  assert.ok(bytesAtFirstItem > 0 && bytesAtFirstItem < statSync(FIXTURE).size / 4, `read ${bytesAtFirstItem} bytes first`);
});

test('keeps characters whole when a chunk ends inside one', async () => {
  const xml = '<rss xmlns:wp="http://wordpress.org/export/1.0/"><channel><item><title>Zoë ©</title></item></channel></rss>';
  for (const chunkSize of [1, 2, 3, 7]) {
    const item = (await readAll(xml, chunkSize)).find((r) => r.kind === 'item');
    assert.equal(item?.kind === 'item' && item.title, 'Zoë ©', `chunks of ${chunkSize}`);
  }
});
