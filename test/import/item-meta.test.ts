import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemMeta } from '../../src/import/wordpress/item-meta.js';

const ATTACHMENT_METADATA =
  'a:4:{s:5:"width";i:1600;s:6:"height";i:900;s:4:"file";s:15:"2024/05/red.jpg";' +
  's:10:"image_meta";a:4:{s:6:"credit";s:23:"Jane Doe / Getty Images";s:9:"copyright";s:8:"© Getty";' +
  's:7:"caption";s:0:"";s:5:"title";s:8:"Red door";}}';

test('reads an attachment’s size, alt text and IPTC credit from its serialised metadata', () => {
  const meta = itemMeta({
    postType: 'attachment',
    meta: [
      { key: '_wp_attachment_metadata', value: ATTACHMENT_METADATA },
      { key: '_wp_attachment_image_alt', value: 'A red door' },
    ],
  });
  assert.deepEqual(meta.attachment, {
    width: 1600, height: 900, alt: 'A red door', credit: 'Jane Doe / Getty Images', copyright: '© Getty',
    caption: undefined, title: 'Red door', problem: undefined,
  });
});

test('reports unreadable metadata instead of throwing', () => {
  const meta = itemMeta({ postType: 'attachment', meta: [{ key: '_wp_attachment_metadata', value: 'O:8:"stdClass":0:{}' }] });
  assert.match(meta.attachment?.problem ?? '', /unsupported type/);
});

test('takes the featured picture and the SEO title and description from Yoast or Rank Math', () => {
  const yoast = itemMeta({
    postType: 'post',
    meta: [
      { key: '_thumbnail_id', value: '42' },
      { key: '_yoast_wpseo_title', value: 'Yoast title' },
      { key: '_yoast_wpseo_metadesc', value: 'Yoast description' },
    ],
  });
  assert.deepEqual([yoast.thumbnailId, yoast.seoTitle, yoast.seoDescription, yoast.attachment], [42, 'Yoast title', 'Yoast description', undefined]);
  const rankMath = itemMeta({ postType: 'post', meta: [{ key: 'rank_math_title', value: 'RM' }, { key: 'rank_math_description', value: 'RM d' }] });
  assert.deepEqual([rankMath.thumbnailId, rankMath.seoTitle, rankMath.seoDescription], [undefined, 'RM', 'RM d']);
});
