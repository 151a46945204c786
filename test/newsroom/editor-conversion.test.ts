import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getSchema, type JSONContent } from '@tiptap/core';
import { checkBody, type Block, type BodyDocument } from '../../src/content/body.js';
import { bodyToProsemirror } from '../../src/newsroom/editor/body-to-prosemirror.js';
import { blockProblems, isAllowedHref } from '../../src/newsroom/editor/body-rules.js';
import { bodyExtensions } from '../../src/newsroom/editor/extensions/body-extensions.js';
import { prosemirrorToBody, type BodyResult } from '../../src/newsroom/editor/prosemirror-to-body.js';
import { randomBody, VALID_EMBEDS } from './body-generator.js';
import { referenceBody } from './reference-body.js';

/** The editor's real schema, so documents are checked by ProseMirror itself, not only by the converters. */
const schema = getSchema(bodyExtensions({ resolveMedia: () => undefined }));

/** Body → editor document → through ProseMirror's schema (as the editor stores it) → body. */
function throughEditor(body: BodyDocument): BodyResult {
  const node = schema.nodeFromJSON(bodyToProsemirror(body));
  node.check();
  return prosemirrorToBody(node.toJSON() as JSONContent);
}

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const paragraph = (...content: JSONContent[]): JSONContent => (content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' });
const text = (value: string, ...marks: string[]): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks.length > 0 ? { marks: marks.map((type) => (type.startsWith('link:') ? { type: 'link', attrs: { href: type.slice(5) } } : { type })) } : {}),
});

function issuesOf(result: BodyResult): Array<{ index: number; path: string }> {
  assert.ok('issues' in result, `expected issues, got ${JSON.stringify(result)}`);
  return result.issues.map(({ index, path }) => ({ index, path }));
}

describe('body document ⇄ editor document', () => {
  test('the reference article comes back exactly', () => {
    const body = referenceBody();
    assert.equal(body.length, 16);
    assert.deepEqual(throughEditor(body), { body });
  });

  test('500 generated documents with every block, mark and attribute come back exactly, and the content model accepts each', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const body = randomBody(seed);
      assert.deepEqual(checkBody(body), [], `seed ${seed} generated an invalid body`);
      assert.deepEqual(prosemirrorToBody(bodyToProsemirror(body)), { body }, `seed ${seed}`);
      assert.deepEqual(throughEditor(body), { body }, `seed ${seed} through the schema`);
    }
  });

  test('an empty body is one empty paragraph in the editor, and that paragraph is an empty body again', () => {
    assert.deepEqual(bodyToProsemirror([]), doc(paragraph()));
    assert.deepEqual(prosemirrorToBody(doc(paragraph())), { body: [] });
  });

  test('drops the empty paragraphs between blocks, which the body cannot hold, and keeps a paragraph of spaces', () => {
    const result = prosemirrorToBody(doc(paragraph(), paragraph(text('One')), paragraph(), { type: 'horizontalRule' }, paragraph(text(' ')), paragraph()));
    assert.deepEqual(result, { body: [{ type: 'paragraph', content: [{ text: 'One' }] }, { type: 'separator' }, { type: 'paragraph', content: [{ text: ' ' }] }] });
  });

  test('writes marks nested in any order as bold, italic, link, and joins neighbouring runs with the same marks', () => {
    const result = prosemirrorToBody(
      doc(paragraph(text('a', 'link:/x', 'italic', 'bold'), text('b', 'bold', 'link:/x', 'italic'), text('c', 'italic'), text('d', 'italic'), text('e'))),
    );
    assert.deepEqual(result, {
      body: [
        {
          type: 'paragraph',
          content: [
            { text: 'ab', marks: [{ type: 'bold' }, { type: 'italic' }, { type: 'link', href: '/x' }] },
            { text: 'cd', marks: [{ type: 'italic' }] },
            { text: 'e' },
          ],
        },
      ],
    });
  });

  test('gives a valid body that the editor cannot hold as it is in its one canonical form', () => {
    const body: BodyDocument = [
      {
        type: 'paragraph',
        content: [
          { text: 'Split ', marks: [] },
          { text: 'runs' },
          { text: ' twice', marks: [{ type: 'bold' }, { type: 'bold' }] },
          { text: ' linked', marks: [{ type: 'link', href: '/first' }, { type: 'italic' }, { type: 'link', href: '/second' }] },
        ],
      },
    ];
    assert.deepEqual(checkBody(body), []);
    assert.deepEqual(throughEditor(body), {
      body: [
        {
          type: 'paragraph',
          content: [
            { text: 'Split runs' },
            { text: ' twice', marks: [{ type: 'bold' }] },
            // Of two links the page renderer links to the last, so that is the one kept.
            { text: ' linked', marks: [{ type: 'italic' }, { type: 'link', href: '/second' }] },
          ],
        },
      ],
    });
  });

  test('keeps ordered and unordered lists with formatted items', () => {
    const body: BodyDocument = [
      { type: 'list', isOrdered: false, items: [[{ text: 'one' }], [{ text: 'two ' }, { text: 'bold', marks: [{ type: 'bold' }] }]] },
      { type: 'list', isOrdered: true, items: [[{ text: 'first', marks: [{ type: 'link', href: '#first' }] }]] },
    ];
    assert.deepEqual(bodyToProsemirror(body).content?.map((node) => node.type), ['bulletList', 'orderedList']);
    assert.deepEqual(throughEditor(body), { body });
  });

  test('keeps a quote’s style, words, speaker, context, source and source address, and leaves out those it lacks', () => {
    const body: BodyDocument = [
      { type: 'quote', style: 'pull', text: 'We aren’t friends.', speaker: 'John Legend', context: 'to David Axelrod', source: 'CNN', sourceUrl: 'https://edition.cnn.com/x' },
      { type: 'quote', style: 'body', text: 'Politics ruined it.' },
    ];
    assert.deepEqual(bodyToProsemirror(body).content?.[0], {
      type: 'quote',
      attrs: { style: 'pull', speaker: 'John Legend', context: 'to David Axelrod', source: 'CNN', sourceUrl: 'https://edition.cnn.com/x' },
      content: [{ type: 'text', text: 'We aren’t friends.' }],
    });
    assert.deepEqual(throughEditor(body), { body });
  });

  test('treats an empty attribution field in the editor as no attribution', () => {
    const result = prosemirrorToBody(doc({ type: 'quote', attrs: { style: 'body', speaker: '', context: null, source: '', sourceUrl: '' }, content: [text('Hi')] }));
    assert.deepEqual(result, { body: [{ type: 'quote', style: 'body', text: 'Hi' }] });
  });

  test('keeps a picture’s caption override, an empty one that hides the library’s caption, and its absence', () => {
    const body: BodyDocument = [
      { type: 'image', media: 12, caption: 'On stage' },
      { type: 'image', media: 13, caption: '' },
      { type: 'image', media: 14 },
    ];
    assert.deepEqual(
      bodyToProsemirror(body).content?.map((node) => node.attrs),
      [
        { mediaId: 12, caption: 'On stage' },
        { mediaId: 13, caption: '' },
        { mediaId: 14, caption: null },
      ],
    );
    assert.deepEqual(throughEditor(body), { body });
  });

  test('keeps embeds with and without a caption, separators and raw HTML to the byte', () => {
    const body: BodyDocument = [
      { type: 'embed', url: VALID_EMBEDS[0]!, caption: 'The clip' },
      { type: 'embed', url: VALID_EMBEDS[2]! },
      { type: 'separator' },
      { type: 'html', html: '<table>\n  <tr><td>1&nbsp;</td></tr>\n</table>\n' },
    ];
    assert.deepEqual(throughEditor(body), { body });
  });
});

describe('what the editor holds but the body cannot', () => {
  test('an embed from an unsupported site is reported at its block, counting the empty paragraphs before it', () => {
    const result = prosemirrorToBody(doc(paragraph(text('Watch')), paragraph(), { type: 'embed', attrs: { url: 'https://vimeo.com/123456', caption: null } }));
    assert.deepEqual(issuesOf(result), [{ index: 2, path: '/body/2/url' }]);
    assert.ok('issues' in result && /YouTube, X, Instagram or TikTok/.test(result.issues[0]!.message));
  });

  test('an empty heading, an empty list item and an empty quote are each reported where they are', () => {
    const result = prosemirrorToBody(
      doc(
        { type: 'heading', attrs: { level: 2 } },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph(text('one'))] }, { type: 'listItem', content: [paragraph()] }] },
        { type: 'quote', attrs: { style: 'pull' } },
      ),
    );
    assert.deepEqual(issuesOf(result), [
      { index: 0, path: '/body/0/content' },
      { index: 1, path: '/body/1/items/1' },
      { index: 2, path: '/body/2/text' },
    ]);
  });

  test('a link to javascript: or an address with spaces is reported at its run', () => {
    const result = prosemirrorToBody(doc(paragraph(text('ok '), text('bad', 'link:javascript:alert(1)')), paragraph(text('spaced', 'link:/a b'))));
    assert.deepEqual(issuesOf(result), [
      { index: 0, path: '/body/0/content/1/marks/0/href' },
      { index: 1, path: '/body/1/content/0/marks/0/href' },
    ]);
  });

  test('a picture that names no media item, and a source address that is not a link, are reported', () => {
    const result = prosemirrorToBody(
      doc({ type: 'mediaImage', attrs: { mediaId: null, caption: null } }, { type: 'quote', attrs: { style: 'body', sourceUrl: 'cnn.com' }, content: [text('Hi')] }),
    );
    assert.deepEqual(issuesOf(result), [
      { index: 0, path: '/body/0/media' },
      { index: 1, path: '/body/1/sourceUrl' },
    ]);
  });

  test('nodes and marks that are not part of the body are refused by name, not dropped', () => {
    const result = prosemirrorToBody(
      doc({ type: 'codeBlock', content: [text('x')] }, paragraph(text('struck', 'strike')), {
        type: 'orderedList',
        content: [{ type: 'listItem', content: [paragraph(text('a')), paragraph(text('b'))] }],
      }),
    );
    assert.ok('issues' in result);
    assert.deepEqual(issuesOf(result), [
      { index: 0, path: '/body/0/type' },
      { index: 1, path: '/body/1/content' },
      { index: 2, path: '/body/2/items/0' },
    ]);
    assert.match(result.issues[1]!.message, /"strike"/);
  });

  test('text longer than the content model allows is reported rather than cut', () => {
    const result = prosemirrorToBody(doc({ type: 'quote', attrs: { style: 'body' }, content: [text('x'.repeat(5001))] }));
    assert.deepEqual(issuesOf(result), [{ index: 0, path: '/body/0/text' }]);
  });

  test('more blocks than a body may have is reported', () => {
    const result = prosemirrorToBody(doc(...Array.from({ length: 2001 }, () => ({ type: 'horizontalRule' }))));
    assert.deepEqual(issuesOf(result), [{ index: 2000, path: '/body' }]);
  });

  test('whatever the editor holds, a body it returns is one the content model accepts', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const body = randomBody(seed).map((block, index) => (index % 3 === 0 ? spoil(block) : block));
      const result = prosemirrorToBody(bodyToProsemirror(body));
      if ('body' in result) assert.deepEqual(checkBody(result.body), [], `seed ${seed}`);
      else assert.notDeepEqual(checkBody(body), [], `seed ${seed}: issues for a body the content model accepts: ${JSON.stringify(result.issues)}`);
    }
  });
});

describe('the editor’s rules are the content model’s', () => {
  test('the schema has exactly the body’s blocks and marks', () => {
    assert.deepEqual(Object.keys(schema.nodes).sort(), ['bulletList', 'doc', 'embed', 'heading', 'horizontalRule', 'listItem', 'mediaImage', 'orderedList', 'paragraph', 'quote', 'rawHtml', 'text']);
    assert.deepEqual(Object.keys(schema.marks).sort(), ['bold', 'italic', 'link']);
  });

  test('a link address is allowed in the editor exactly when the content model allows it', () => {
    const hrefs = ['https://a.b', 'http://x', 'https://', 'https://a b', '/', '/a/b?c#d', '/a b', '#', '#x', 'mailto:a@b', 'mailto:', 'tel:+1 (555) 010', 'tel:abc', 'javascript:alert(1)', 'data:text/html,x', 'ftp://x', 'x', '', ` https://a.b`, `https://a.b/${'x'.repeat(2040)}`];
    for (const href of hrefs) {
      const byModel = checkBody([{ type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'link', href }] }] }]).length === 0;
      assert.equal(isAllowedHref(href), byModel, JSON.stringify(href.slice(0, 40)));
    }
  });

  test('each block is refused by the editor exactly when the content model refuses it, at the same field or inside it', () => {
    for (const block of BOUNDARY_BLOCKS) {
      const modelPaths = checkBody([block]).map((issue) => issue.path.replace(/^\/body\/0/, ''));
      const editorPaths = blockProblems(block).map((problem) => problem.at);
      const label = JSON.stringify(block).slice(0, 120);
      assert.equal(editorPaths.length === 0, modelPaths.length === 0, label);
      // The model names a mark that matches none of the kinds at the mark; the editor can say which of its fields.
      const isSameField = (path: string) => editorPaths.some((at) => at === path || at.startsWith(`${path}/`));
      for (const path of modelPaths) assert.ok(isSameField(path), `${label}: the model says ${path}, the editor ${editorPaths.join(', ')}`);
    }
  });
});

/** Makes a block invalid in one way the content model refuses. */
function spoil(block: Block): Block {
  switch (block.type) {
    case 'paragraph':
      return { ...block, content: [{ text: 'x', marks: [{ type: 'link', href: 'javascript:void(0)' }] }] };
    case 'heading':
      return { ...block, content: [{ text: 'x'.repeat(100_001) }] };
    case 'list':
      return { ...block, items: [[{ text: 'ok' }], [{ text: 'x', marks: [{ type: 'link', href: 'nowhere' }] }]] };
    case 'quote':
      return { ...block, speaker: 's'.repeat(301) };
    case 'image':
      return { ...block, media: 0 };
    case 'embed':
      return { ...block, url: 'https://vimeo.com/1' };
    case 'separator':
      return block;
    case 'html':
      return { ...block, html: 'x'.repeat(200_001) };
  }
}

const long = (length: number) => 'x'.repeat(length);
const BOUNDARY_BLOCKS = [
  { type: 'paragraph', content: [{ text: long(100_000) }] },
  { type: 'paragraph', content: [{ text: long(100_001) }] },
  { type: 'paragraph', content: [] },
  { type: 'paragraph', content: [{ text: '' }] },
  { type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'bold' }, { type: 'italic' }, { type: 'bold' }, { type: 'italic' }] }] },
  { type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'link', href: 'javascript:x' }] }] },
  { type: 'heading', level: 4, content: [{ text: 'x' }] },
  { type: 'heading', level: 1, content: [{ text: 'x' }] },
  { type: 'heading', level: 5, content: [{ text: 'x' }] },
  { type: 'heading', level: 2, content: [] },
  { type: 'list', isOrdered: true, items: [] },
  { type: 'list', isOrdered: false, items: [[{ text: 'a' }], []] },
  { type: 'quote', style: 'body', text: long(5000), speaker: long(300), context: long(300), source: long(300), sourceUrl: '/x' },
  { type: 'quote', style: 'body', text: long(5001) },
  { type: 'quote', style: 'pull', text: '' },
  { type: 'quote', style: 'pull', text: 'x', speaker: '' },
  { type: 'quote', style: 'pull', text: 'x', context: long(301) },
  { type: 'quote', style: 'pull', text: 'x', sourceUrl: 'www.cnn.com' },
  { type: 'image', media: 1, caption: long(2000) },
  { type: 'image', media: 1, caption: long(2001) },
  { type: 'image', media: 0 },
  { type: 'image', media: 2.5 },
  { type: 'embed', url: VALID_EMBEDS[5]!, caption: long(2000) },
  { type: 'embed', url: VALID_EMBEDS[5]!, caption: long(2001) },
  { type: 'embed', url: 'http://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  { type: 'embed', url: 'https://vimeo.com/123456' },
  { type: 'embed', url: `https://youtu.be/dQw4w9WgXcQ?${long(2040)}` },
  { type: 'separator' },
  { type: 'html', html: long(200_000) },
  { type: 'html', html: long(200_001) },
  { type: 'html', html: '' },
] as unknown as Block[];
