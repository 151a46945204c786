import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkBody } from '../../src/content/body.js';
import { contentToBody } from '../../src/import/wordpress/content-to-body.js';
import { resolveImages } from '../../src/import/wordpress/imported-body.js';
import type { WxrItem } from '../../src/import/wordpress/wxr-records.js';
import { fixtureText, readAll } from './wxr-fixture.js';

async function fixtureItems(): Promise<WxrItem[]> {
  const records = await readAll(fixtureText());
  return records.filter((r): r is WxrItem => r.kind === 'item' && (r.postType === 'post' || r.postType === 'page'));
}

test('every post and page of the export converts to a body the content model accepts', async () => {
  const items = await fixtureItems();
  assert.ok(items.length > 70);
  for (const item of items) {
    const { body } = contentToBody(item.content);
    const resolved = resolveImages({ body, mediaFor: () => 1 }).body;
    assert.deepEqual(checkBody(resolved), [], `${item.postId} ${item.title}`);
  }
});

test('a [caption] shortcode becomes a picture with its caption and alt text', async () => {
  const item = (await fixtureItems()).find((i) => i.title === 'Post Format: Image (Caption)');
  assert.ok(item && item.content.includes('[caption'));
  const images = contentToBody(item.content).body.filter((b) => b.type === 'image');
  assert.deepEqual(images, [{
    type: 'image',
    url: 'https://wpthemetestdata.files.wordpress.com/2008/06/100_5478.jpg?w=604',
    attachmentId: 754,
    caption: 'Bell on wharf in San Francisco',
    alt: 'Bell on Wharf',
  }]);
});

test('Gutenberg quotes and pullquotes keep their style and source', async () => {
  const item = (await fixtureItems()).find((i) => i.title === 'Block: Quote');
  assert.ok(item && item.content.includes('<!-- wp:pullquote'));
  const quotes = contentToBody(item.content).body.flatMap((b) => (b.type === 'quote' ? [`${b.style}:${b.source ?? ''}`] : []));
  assert.deepEqual(quotes.slice(0, 1), ['body:The Gutenberg Team']);
  assert.ok(quotes.includes('pull:Theme Reviewer'));
});

test('Gutenberg blocks map to their own block types; the rest is raw HTML, listed', () => {
  const content = [
    '<!-- wp:heading --><h2>Title</h2><!-- /wp:heading -->',
    '<!-- wp:paragraph --><p>Some <strong>bold</strong> and <a href="https://example.com/">a link</a>.</p><!-- /wp:paragraph -->',
    '<!-- wp:list {"ordered":true} --><ol><li>one</li><li><em>two</em></li></ol><!-- /wp:list -->',
    '<!-- wp:image {"id":7} --><figure class="wp-block-image"><img src="https://example.com/a.jpg" alt="A"/><figcaption>Cap</figcaption></figure><!-- /wp:image -->',
    '<!-- wp:gallery --><figure class="wp-block-gallery"><ul><li><figure><img src="https://example.com/1.jpg"/></figure></li><li><figure><img src="https://example.com/2.jpg"/><figcaption>Two</figcaption></figure></li></ul></figure><!-- /wp:gallery -->',
    '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=dQw4w9WgXcQ","providerNameSlug":"youtube"} --><figure><div>https://www.youtube.com/watch?v=dQw4w9WgXcQ</div></figure><!-- /wp:embed -->',
    '<!-- wp:embed {"url":"https://vimeo.com/22439234"} --><figure><div>https://vimeo.com/22439234</div></figure><!-- /wp:embed -->',
    '<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->',
    '<!-- wp:table --><figure class="wp-block-table"><table><tr><td onclick="x()">1</td></tr></table></figure><!-- /wp:table -->',
    '<!-- wp:spacer {"height":40} --><div style="height:40px" class="wp-block-spacer"></div><!-- /wp:spacer -->',
  ].join('\n\n');
  const { body, unmatched } = contentToBody(content);
  assert.deepEqual(body.map((b) => b.type), ['heading', 'paragraph', 'list', 'image', 'image', 'image', 'embed', 'paragraph', 'separator', 'html']);
  assert.deepEqual(body[1], {
    type: 'paragraph',
    content: [
      { text: 'Some ' }, { text: 'bold', marks: [{ type: 'bold' }] }, { text: ' and ' },
      { text: 'a link', marks: [{ type: 'link', href: 'https://example.com/' }] }, { text: '.' },
    ],
  });
  assert.deepEqual(body[3], { type: 'image', url: 'https://example.com/a.jpg', attachmentId: 7, caption: 'Cap', alt: 'A' });
  assert.deepEqual(body[5], { type: 'image', url: 'https://example.com/2.jpg', caption: 'Two' });
  assert.deepEqual(body[7], { type: 'paragraph', content: [{ text: 'https://vimeo.com/22439234', marks: [{ type: 'link', href: 'https://vimeo.com/22439234' }] }] });
  assert.doesNotMatch(body[9]?.type === 'html' ? body[9].html : '', /onclick/);
  assert.deepEqual(unmatched.map((u) => u.kind), ['core/table']);
});

test('classic text follows wpautop: blank lines make paragraphs, single line breaks a space', () => {
  const { body } = contentToBody('First line\nstill first.\n\nSecond <i>one</i>.<br />\nSame paragraph.\n\nhttp://youtu.be/dQw4w9WgXcQ\n\n<hr>');
  assert.deepEqual(body, [
    { type: 'paragraph', content: [{ text: 'First line still first.' }] },
    { type: 'paragraph', content: [{ text: 'Second ' }, { text: 'one', marks: [{ type: 'italic' }] }, { text: '. Same paragraph.' }] },
    { type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ' },
    { type: 'separator' },
  ]);
});

test('pictures the importer could not store are left out of the body and returned', () => {
  const { body } = contentToBody('<p>Text</p><img src="https://example.com/a.jpg"><img src="https://example.com/b.jpg" class="wp-image-9">');
  const resolved = resolveImages({ body, mediaFor: (image) => (image.attachmentId === 9 ? 31 : undefined) });
  assert.deepEqual(resolved.body, [{ type: 'paragraph', content: [{ text: 'Text' }] }, { type: 'image', media: 31 }]);
  assert.deepEqual(resolved.missing.map((image) => image.url), ['https://example.com/a.jpg']);
});

test('unsupported links lose their mark, not their text, and unknown shortcodes are listed', () => {
  const { body, unmatched } = contentToBody('<a href="javascript:alert(1)">click</a>\n\n[gallery ids="1,2"]');
  assert.deepEqual(body[0], { type: 'paragraph', content: [{ text: 'click' }] });
  assert.deepEqual(unmatched, [{ kind: '[gallery]', snippet: '[gallery ids="1,2"]' }]);
});
