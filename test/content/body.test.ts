import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkBody, referencedMedia, type BodyDocument } from '../../src/content/body.js';
import { embedProvider } from '../../src/content/embeds.js';

/** One block of every type, every mark, both quote styles and each embed provider. */
const EVERY_BLOCK: BodyDocument = [
  {
    type: 'paragraph',
    content: [
      { text: 'Plain, ' },
      { text: 'bold', marks: [{ type: 'bold' }] },
      { text: ' and ' },
      { text: 'italic', marks: [{ type: 'italic' }] },
      { text: ' and a ' },
      { text: 'link', marks: [{ type: 'link', href: 'https://example.com/story' }, { type: 'bold' }] },
    ],
  },
  { type: 'heading', level: 2, content: [{ text: 'What happened next' }] },
  { type: 'list', isOrdered: false, items: [[{ text: 'one' }], [{ text: 'two' }]] },
  { type: 'quote', style: 'body', text: 'We aren’t friends.', speaker: 'John Legend', context: 'on a podcast', source: 'CNN', sourceUrl: 'https://cnn.com/x' },
  { type: 'quote', style: 'pull', text: 'Politics ruined it.' },
  { type: 'image', media: 1, caption: 'On stage' },
  { type: 'embed', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' },
  { type: 'embed', url: 'https://x.com/johnlegend/status/1320000000000000000' },
  { type: 'embed', url: 'https://www.instagram.com/p/CabcDEF123/' },
  { type: 'embed', url: 'https://www.tiktok.com/@someone/video/7123456789012345678', caption: 'The clip' },
  { type: 'separator' },
  { type: 'html', html: '<table><tr><td>1</td></tr></table>' },
];

describe('checkBody', () => {
  test('accepts a document with every block type and reports no issues', () => {
    assert.deepEqual(checkBody(EVERY_BLOCK), []);
  });

  test('accepts an empty body', () => {
    assert.deepEqual(checkBody([]), []);
  });

  test('accepts site-relative, fragment, mailto and tel links', () => {
    const body = ['/about/', '#notes', 'mailto:desk@example.com', 'tel:+1 (555) 010-0000'].map((href) => ({
      type: 'paragraph',
      content: [{ text: 'x', marks: [{ type: 'link', href }] }],
    }));
    assert.deepEqual(checkBody(body), []);
  });

  test('refuses a value that is not a list, at /body', () => {
    assert.deepEqual(checkBody({ type: 'paragraph' }).map((i) => i.path), ['/body']);
    assert.deepEqual(checkBody('<p>hi</p>').map((i) => i.path), ['/body']);
    assert.deepEqual(checkBody(null).map((i) => i.path), ['/body']);
  });

  test('names the type of an unknown block by its index', () => {
    const issues = checkBody([{ type: 'paragraph', content: [{ text: 'ok' }] }, { type: 'video', url: 'https://x' }]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/1/type']);
    assert.match(issues[0]!.message, /paragraph/);
  });

  test('names the type of a block that is not an object or has no type', () => {
    const issues = checkBody(['text', 42, null, { content: [] }]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/0/type', '/body/1/type', '/body/2/type', '/body/3/type']);
  });

  test('names the media field of an image whose media is not a number id', () => {
    assert.deepEqual(checkBody([{ type: 'image', media: 'image-1' }]).map((i) => i.path), ['/body/0/media']);
  });

  test('names the level of a heading deeper than 4', () => {
    assert.deepEqual(checkBody([{ type: 'heading', level: 5, content: [{ text: 'Deep' }] }]).map((i) => i.path), ['/body/0/level']);
  });

  test('names the field inside nested inline content', () => {
    const issues = checkBody([
      { type: 'separator' },
      { type: 'paragraph', content: [{ text: 'fine' }, { text: '' }] },
    ]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/1/content/1/text']);
  });

  test('reports one issue for each bad block, not just the first', () => {
    const issues = checkBody([
      { type: 'image', media: 0 },
      { type: 'paragraph', content: [{ text: 'ok' }] },
      { type: 'quote', style: 'side', text: 'x' },
    ]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/0/media', '/body/2/style']);
  });

  test('refuses a javascript: link href', () => {
    const issues = checkBody([
      { type: 'paragraph', content: [{ text: 'click', marks: [{ type: 'link', href: 'javascript:alert(1)' }] }] },
    ]);
    assert.equal(issues.length, 1);
    assert.ok(issues[0]!.path.startsWith('/body/0/content/0/marks/0'), issues[0]!.path);
  });

  test('refuses a javascript: source URL on a quote', () => {
    const issues = checkBody([{ type: 'quote', style: 'body', text: 'x', sourceUrl: 'javascript:alert(1)' }]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/0/sourceUrl']);
  });

  test('refuses an embed from a site it cannot embed, at its url', () => {
    const issues = checkBody([{ type: 'embed', url: 'https://vimeo.com/123' }]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/0/url']);
    assert.match(issues[0]!.message, /YouTube/);
  });

  test('refuses an embed URL that is not https', () => {
    assert.deepEqual(checkBody([{ type: 'embed', url: 'http://www.youtube.com/watch?v=dQw4w9WgXcQ' }]).map((i) => i.path), ['/body/0/url']);
  });

  test('refuses an unsupported embed even when an earlier block already has an issue', () => {
    const issues = checkBody([
      { type: 'image', media: 'image-1' },
      { type: 'embed', url: 'https://vimeo.com/123' },
    ]);
    assert.deepEqual(issues.map((i) => i.path), ['/body/0/media', '/body/1/url']);
  });

  test('refuses an unknown property on a block', () => {
    const issues = checkBody([{ type: 'separator', style: 'stars' }]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, '/body/0/style');
  });

  test('refuses an unknown property on a text run', () => {
    const issues = checkBody([{ type: 'paragraph', content: [{ text: 'x', colour: 'red' }] }]);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, '/body/0/content/0/colour');
  });

  test('uses the given path as the prefix of every issue', () => {
    assert.deepEqual(checkBody([{ type: 'video' }], '/posts/3/body').map((i) => i.path), ['/posts/3/body/0/type']);
  });
});

describe('referencedMedia', () => {
  test('lists each image media id once, in order of first appearance', () => {
    const body: BodyDocument = [
      { type: 'image', media: 7 },
      { type: 'paragraph', content: [{ text: 'x' }] },
      { type: 'image', media: 3, caption: 'again' },
      { type: 'image', media: 7 },
    ];
    assert.deepEqual(referencedMedia(body), [7, 3]);
  });

  test('is empty for a body without images', () => {
    assert.deepEqual(referencedMedia([{ type: 'separator' }, { type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ' }]), []);
  });
});

describe('embedProvider', () => {
  const cases: Array<[string, { provider: string; id: string }]> = [
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://m.youtube.com/shorts/abcDEF_12-3', { provider: 'youtube', id: 'abcDEF_12-3' }],
    ['https://www.youtube.com/embed/dQw4w9WgXcQ', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://youtu.be/dQw4w9WgXcQ?t=42', { provider: 'youtube', id: 'dQw4w9WgXcQ' }],
    ['https://x.com/johnlegend/status/1320000000000000000', { provider: 'x', id: '1320000000000000000' }],
    ['https://twitter.com/kanyewest/status/98765?s=20', { provider: 'x', id: '98765' }],
    ['https://mobile.twitter.com/kanyewest/status/98765', { provider: 'x', id: '98765' }],
    ['https://www.instagram.com/p/CabcDEF123/', { provider: 'instagram', id: 'CabcDEF123' }],
    ['https://instagram.com/reel/Cxyz_98765/', { provider: 'instagram', id: 'Cxyz_98765' }],
    ['https://www.tiktok.com/@some.one/video/7123456789012345678', { provider: 'tiktok', id: '7123456789012345678' }],
  ];
  for (const [url, expected] of cases) {
    test(`finds the ${expected.provider} id in ${url}`, () => {
      assert.deepEqual(embedProvider(url), expected);
    });
  }

  const unsupported = [
    'https://vimeo.com/123',
    'http://www.youtube.com/watch?v=dQw4w9WgXcQ',
    'https://www.youtube.com/channel/UC123456',
    'https://x.com/johnlegend',
    'https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ',
    'https://www.tiktok.com/@someone',
    '',
  ];
  for (const url of unsupported) {
    test(`finds no provider for ${JSON.stringify(url)}`, () => {
      assert.equal(embedProvider(url), undefined);
    });
  }
});
