import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { renderBodyHtml, type BodyRenderContext } from '../../src/render/body-html.js';
import { figure, picture } from '../../src/render/figure.js';
import { renderPlainText, summarise } from '../../src/render/plain-text.js';
import type { BodyDocument } from '../../src/content/body.js';
import type { Media } from '../../src/content/types.js';

const NO_MEDIA: BodyRenderContext = { media: new Map() };

function render(body: BodyDocument, context: BodyRenderContext = NO_MEDIA): cheerio.CheerioAPI {
  return cheerio.load(renderBodyHtml(body, context), null, false);
}

const WIDTHS = [400, 800, 1200];

/** A stored image as the store returns it: AVIF, WebP and JPEG at three widths. */
function media(id: number, overrides: Partial<Media> = {}): Media {
  return {
    id,
    path: `2026/11/photo-${id}.jpg`,
    mimeType: 'image/jpeg',
    width: 1600,
    height: 800,
    alt: `John Legend at the piano ${id}`,
    caption: 'John Legend performs in 2019.',
    credit: 'DFree',
    agency: 'Shutterstock.com',
    licence: null,
    variantWidths: WIDTHS,
    crops: [],
    createdAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

function withMedia(...items: Media[]): BodyRenderContext {
  return { media: new Map(items.map((m) => [m.id, m])) };
}

describe('renderBodyHtml: text', () => {
  test('wraps a paragraph in <p>', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'Hello ' }, { text: 'world' }] }]);
    assert.equal($('p').length, 1);
    assert.equal($('p').text(), 'Hello world');
  });

  test('nests marks as link, then bold, then italic, whatever order they are listed in', () => {
    const $ = render([
      {
        type: 'paragraph',
        content: [{ text: 'all three', marks: [{ type: 'italic' }, { type: 'bold' }, { type: 'link', href: 'https://example.com/a' }] }],
      },
    ]);
    const link = $('p > a');
    assert.equal(link.length, 1);
    assert.equal(link.attr('href'), 'https://example.com/a');
    assert.equal(link.children('strong').length, 1);
    assert.equal(link.children('strong').children('em').length, 1);
    assert.equal($('p a > strong > em').text(), 'all three');
  });

  test('marks only the runs that carry them', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'a ' }, { text: 'b', marks: [{ type: 'bold' }] }, { text: ' c' }] }]);
    assert.equal($('p strong').text(), 'b');
    assert.equal($('p').text(), 'a b c');
  });

  test('gives external links rel=noopener', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'CNN', marks: [{ type: 'link', href: 'https://cnn.com/x' }] }] }]);
    assert.equal($('a').attr('rel'), 'noopener');
  });

  test('gives site-relative links no rel', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'About', marks: [{ type: 'link', href: '/about/' }] }] }]);
    assert.equal($('a').attr('href'), '/about/');
    assert.equal($('a').attr('rel'), undefined);
  });

  test('writes markup in text as text, not as tags', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: '<b>x</b> & <script>alert(1)</script>' }] }]);
    assert.equal($('b').length, 0);
    assert.equal($('script').length, 0);
    assert.equal($('p').text(), '<b>x</b> & <script>alert(1)</script>');
  });

  test('escapes a link href so it cannot leave its attribute', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'x', marks: [{ type: 'link', href: 'https://e.com/?a="b"&c=<d>' }] }] }]);
    assert.equal($('a').attr('href'), 'https://e.com/?a="b"&c=<d>');
    assert.equal($('a').attr('c'), undefined);
    assert.equal($('d').length, 0);
  });

  test('gives a heading an id made from its text', () => {
    const $ = render([{ type: 'heading', level: 2, content: [{ text: 'Kanye’s ' }, { text: 'feud', marks: [{ type: 'italic' }] }] }]);
    const heading = $('h2');
    assert.equal(heading.length, 1);
    assert.equal(heading.attr('id'), 'kanyes-feud');
    assert.equal(heading.find('em').text(), 'feud');
  });

  test('uses the heading level it is given', () => {
    const $ = render([
      { type: 'heading', level: 3, content: [{ text: 'Three' }] },
      { type: 'heading', level: 4, content: [{ text: 'Four' }] },
    ]);
    assert.equal($('h3').text(), 'Three');
    assert.equal($('h4').text(), 'Four');
  });

  test('gives a heading without letters or digits no id', () => {
    const $ = render([{ type: 'heading', level: 2, content: [{ text: '* * *' }] }]);
    assert.equal($('h2').attr('id'), undefined);
  });

  test(
    'gives two headings with the same text distinct ids',
    () => {
      const $ = render([
        { type: 'heading', level: 2, content: [{ text: 'Reaction' }] },
        { type: 'heading', level: 2, content: [{ text: 'Reaction' }] },
      ]);
      const ids = $('h2').map((_, el) => $(el).attr('id')).get();
      assert.equal(ids.length, 2);
      assert.equal(new Set(ids).size, 2, `ids: ${ids.join(', ')}`);
    },
  );

  test('renders an ordered list as <ol> with one <li> per item', () => {
    const $ = render([{ type: 'list', isOrdered: true, items: [[{ text: 'first' }], [{ text: 'second', marks: [{ type: 'bold' }] }]] }]);
    assert.equal($('ul').length, 0);
    assert.deepEqual($('ol > li').map((_, li) => $(li).text()).get(), ['first', 'second']);
    assert.equal($('ol > li').eq(1).find('strong').text(), 'second');
  });

  test('renders an unordered list as <ul>', () => {
    const $ = render([{ type: 'list', isOrdered: false, items: [[{ text: 'only' }]] }]);
    assert.equal($('ol').length, 0);
    assert.equal($('ul > li').text(), 'only');
  });

  test('renders a separator as <hr>', () => {
    const $ = render([{ type: 'paragraph', content: [{ text: 'a' }] }, { type: 'separator' }, { type: 'paragraph', content: [{ text: 'b' }] }]);
    assert.equal($('hr').length, 1);
    assert.equal($('hr').prev().text(), 'a');
    assert.equal($('hr').next().text(), 'b');
  });

  test('keeps the blocks in document order', () => {
    const $ = render([
      { type: 'heading', level: 2, content: [{ text: 'H' }] },
      { type: 'paragraph', content: [{ text: 'P' }] },
      { type: 'list', isOrdered: false, items: [[{ text: 'L' }]] },
    ]);
    assert.deepEqual($.root().children().map((_, el) => (el as { tagName: string }).tagName).get(), ['h2', 'p', 'ul']);
  });
});

describe('renderBodyHtml: quotes', () => {
  test('renders a pull quote with speaker, context and source as a schema.org Quotation', () => {
    const $ = render([
      {
        type: 'quote',
        style: 'pull',
        text: 'We aren’t friends as much as we used to be.',
        speaker: 'John Legend',
        context: 'on his podcast',
        source: 'CNN',
        sourceUrl: 'https://cnn.com/interview',
      },
    ]);
    const quote = $('figure.quote');
    assert.equal(quote.length, 1);
    assert.equal(quote.hasClass('quote--pull'), true);
    assert.equal(quote.attr('itemscope'), '');
    assert.equal(quote.attr('itemtype'), 'https://schema.org/Quotation');
    assert.equal(quote.find('blockquote').attr('cite'), 'https://cnn.com/interview');
    assert.equal(quote.find('blockquote [itemprop="text"]').text(), 'We aren’t friends as much as we used to be.');
    assert.equal(quote.find('figcaption').text(), '— John Legend, on his podcast, CNN');
    const speaker = quote.find('[itemprop="creator"]');
    assert.equal(speaker.attr('itemtype'), 'https://schema.org/Person');
    assert.equal(speaker.find('[itemprop="name"]').text(), 'John Legend');
    const source = quote.find('cite[itemprop="isPartOf"] a');
    assert.equal(source.attr('href'), 'https://cnn.com/interview');
    assert.equal(source.attr('rel'), 'noopener');
    assert.equal(source.text(), 'CNN');
  });

  test('renders a body quote with only a speaker', () => {
    const $ = render([{ type: 'quote', style: 'body', text: 'It is what it is.', speaker: 'Kanye West' }]);
    const quote = $('figure.quote');
    assert.equal(quote.hasClass('quote--body'), true);
    assert.equal(quote.find('blockquote').attr('cite'), undefined);
    assert.equal(quote.find('figcaption').text(), '— Kanye West');
    assert.equal(quote.find('cite').length, 0);
    assert.equal(quote.find('.context').length, 0);
  });

  test('renders a source without a URL as plain cited text', () => {
    const $ = render([{ type: 'quote', style: 'body', text: 'x', source: 'The Times' }]);
    assert.equal($('figcaption').text(), '— The Times');
    assert.equal($('cite').text(), 'The Times');
    assert.equal($('cite a').length, 0);
  });

  test('renders a quote with no attribution without a figcaption', () => {
    const $ = render([{ type: 'quote', style: 'pull', text: 'Anonymous words.' }]);
    assert.equal($('figure.quote blockquote').text(), 'Anonymous words.');
    assert.equal($('figcaption').length, 0);
  });

  test('escapes the words and the attribution', () => {
    const $ = render([{ type: 'quote', style: 'body', text: '<i>no</i>', speaker: 'A & <B>' }]);
    assert.equal($('i').length, 0);
    assert.equal($('blockquote').text(), '<i>no</i>');
    assert.equal($('[itemprop="name"]').text(), 'A & <B>');
  });
});

describe('renderBodyHtml: images', () => {
  test('renders an image as a figure with AVIF and WebP sources and a sized JPEG img', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5)));
    const fig = $('figure.figure');
    assert.equal(fig.length, 1);
    const sources = fig.find('picture > source');
    assert.deepEqual(sources.map((_, s) => $(s).attr('type')).get(), ['image/avif', 'image/webp']);
    assert.equal(
      sources.eq(0).attr('srcset'),
      '/media/2026/11/photo-5-400.avif 400w, /media/2026/11/photo-5-800.avif 800w, /media/2026/11/photo-5-1200.avif 1200w',
    );
    assert.equal(
      sources.eq(1).attr('srcset'),
      '/media/2026/11/photo-5-400.webp 400w, /media/2026/11/photo-5-800.webp 800w, /media/2026/11/photo-5-1200.webp 1200w',
    );
    const img = fig.find('picture > img');
    assert.equal(img.attr('src'), '/media/2026/11/photo-5-800.jpg');
    assert.equal(img.attr('srcset'), '/media/2026/11/photo-5-400.jpg 400w, /media/2026/11/photo-5-800.jpg 800w, /media/2026/11/photo-5-1200.jpg 1200w');
    assert.equal(img.attr('alt'), 'John Legend at the piano 5');
    assert.equal(img.attr('width'), '1600');
    assert.equal(img.attr('height'), '800');
    assert.equal(img.attr('sizes'), '(min-width: 48rem) 45rem, 100vw');
  });

  test('shows the media caption and the credit line', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5)));
    assert.equal($('figcaption .caption').text(), 'John Legend performs in 2019.');
    assert.equal($('figcaption .credit').text(), 'DFree / Shutterstock.com');
  });

  test('uses the caption of the block instead of the media caption', () => {
    const $ = render([{ type: 'image', media: 5, caption: 'At the Grammys.' }], withMedia(media(5)));
    assert.equal($('figcaption .caption').text(), 'At the Grammys.');
    assert.equal($('figcaption').text().includes('2019'), false);
  });

  test('hides the caption for an empty caption override but keeps the credit', () => {
    const $ = render([{ type: 'image', media: 5, caption: '' }], withMedia(media(5)));
    assert.equal($('figcaption').length, 1);
    assert.equal($('figcaption .caption').length, 0);
    assert.equal($('figcaption .credit').text(), 'DFree / Shutterstock.com');
  });

  test('shows a photographer-only credit', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5, { agency: null })));
    assert.equal($('.credit').text(), 'DFree');
  });

  test('shows an agency-only credit', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5, { credit: '  ', agency: 'Getty Images' })));
    assert.equal($('.credit').text(), 'Getty Images');
  });

  test('leaves out the figcaption when there is neither caption nor credit', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5, { caption: null, credit: null, agency: null })));
    assert.equal($('figure').length, 1);
    assert.equal($('figcaption').length, 0);
  });

  test('loads the featured image eagerly with high priority and the others lazily', () => {
    const context = { ...withMedia(media(5), media(6)), featuredMediaId: 6 };
    const $ = render([{ type: 'image', media: 5 }, { type: 'image', media: 6 }], context);
    const [other, featured] = [$('img').eq(0), $('img').eq(1)];
    assert.equal(featured.attr('fetchpriority'), 'high');
    assert.equal(featured.attr('loading'), undefined);
    assert.equal(other.attr('loading'), 'lazy');
    assert.equal(other.attr('fetchpriority'), undefined);
  });

  test('renders nothing for a media id it does not know', () => {
    const html = renderBodyHtml(
      [{ type: 'paragraph', content: [{ text: 'before' }] }, { type: 'image', media: 99 }, { type: 'paragraph', content: [{ text: 'after' }] }],
      withMedia(media(5)),
    );
    const $ = cheerio.load(html, null, false);
    assert.equal($('figure').length, 0);
    assert.equal($('img').length, 0);
    assert.deepEqual($('p').map((_, p) => $(p).text()).get(), ['before', 'after']);
  });

  test('escapes alt text and captions', () => {
    const $ = render([{ type: 'image', media: 5 }], withMedia(media(5, { alt: '"><script>x</script>', caption: '<b>c</b>' })));
    assert.equal($('script').length, 0);
    assert.equal($('img').attr('alt'), '"><script>x</script>');
    assert.equal($('.caption').text(), '<b>c</b>');
  });
});

describe('figure and picture', () => {
  test('falls back to the original when an image has no renditions', () => {
    const $ = cheerio.load(picture(media(7, { variantWidths: [] })).value, null, false);
    assert.equal($('source').length, 0);
    assert.equal($('img').attr('src'), '/media/2026/11/photo-7.jpg');
    assert.equal($('img').attr('srcset'), undefined);
    assert.equal($('img').attr('sizes'), undefined);
  });

  test('uses the largest JPEG as src when none is 800 px wide', () => {
    const $ = cheerio.load(picture(media(7, { variantWidths: [400] })).value, null, false);
    assert.equal($('img').attr('src'), '/media/2026/11/photo-7-400.jpg');
  });

  test('takes a class name and sizes', () => {
    const $ = cheerio.load(figure(media(7), { className: 'hero', sizes: '100vw' }).value, null, false);
    assert.equal($('figure').attr('class'), 'hero');
    assert.deepEqual($('source, img').map((_, el) => $(el).attr('sizes')).get(), ['100vw', '100vw', '100vw']);
  });

  test('hides the media caption when the caption option is null', () => {
    const $ = cheerio.load(figure(media(7), { caption: null }).value, null, false);
    assert.equal($('.caption').length, 0);
    assert.equal($('.credit').text(), 'DFree / Shutterstock.com');
  });
});

describe('renderBodyHtml: raw HTML blocks', () => {
  const UNSAFE =
    '<p style="color:red" onclick="steal()">Hello <a href="javascript:alert(1)">bad</a> <a href="https://example.com/ok" target="_blank">good</a>' +
    '<img src="https://example.com/i.jpg" onerror="alert(1)" alt="i"></p><script>alert(1)</script>' +
    '<table><tr><td>cell</td></tr></table><iframe src="https://evil.example/"></iframe>';

  test('removes scripts, iframes, event handlers and styles', () => {
    const $ = render([{ type: 'html', html: UNSAFE }]);
    assert.equal($('script').length, 0);
    assert.equal($('iframe').length, 0);
    assert.equal($('[onclick], [onerror], [style], [target]').length, 0);
    assert.equal($('*').filter((_, el) => Object.keys((el as { attribs: Record<string, string> }).attribs).some((a) => a.startsWith('on'))).length, 0);
  });

  test('removes javascript: hrefs but keeps the link text', () => {
    const $ = render([{ type: 'html', html: UNSAFE }]);
    const bad = $('a').filter((_, a) => $(a).text() === 'bad');
    assert.equal(bad.length, 1);
    assert.equal(bad.attr('href'), undefined);
  });

  test('keeps paragraphs, https links, images and tables', () => {
    const $ = render([{ type: 'html', html: UNSAFE }]);
    assert.equal($('p').length, 1);
    assert.ok($('p').text().startsWith('Hello '));
    const good = $('a[href="https://example.com/ok"]');
    assert.equal(good.text(), 'good');
    assert.equal(good.attr('rel'), 'noopener');
    assert.equal($('img').attr('src'), 'https://example.com/i.jpg');
    assert.equal($('img').attr('alt'), 'i');
    assert.equal($('table td').text(), 'cell');
  });
});

describe('renderBodyHtml: embeds', () => {
  test('embeds a YouTube video through youtube-nocookie.com, lazily, with a title', () => {
    const $ = render([{ type: 'embed', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', caption: 'The interview' }]);
    const iframe = $('figure.embed.embed--youtube > iframe');
    assert.equal(iframe.length, 1);
    assert.equal(iframe.attr('src'), 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
    assert.equal(iframe.attr('loading'), 'lazy');
    assert.equal(iframe.attr('title'), 'The interview');
    assert.equal($('figure.embed figcaption').text(), 'The interview');
  });

  test('titles a YouTube embed without a caption "YouTube video"', () => {
    const $ = render([{ type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ' }]);
    assert.equal($('iframe').attr('title'), 'YouTube video');
    assert.equal($('figcaption').length, 0);
  });

  test(
    'titles a YouTube embed with an empty caption "YouTube video"',
    () => {
      const $ = render([{ type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ', caption: '' }]);
      assert.equal($('iframe').attr('title'), 'YouTube video');
    },
  );

  test('links to an X post as "View on X" instead of loading its script', () => {
    const url = 'https://x.com/johnlegend/status/1320000000000000000';
    const $ = render([{ type: 'embed', url }]);
    assert.equal($('script').length, 0);
    assert.equal($('iframe').length, 0);
    assert.equal($('figure').hasClass('embed--x'), true);
    const link = $('figure.embed a');
    assert.equal(link.text(), 'View on X');
    assert.equal(link.attr('href'), url);
    assert.equal(link.attr('rel'), 'noopener');
  });

  test('links to Instagram and TikTok posts by their names', () => {
    const $ = render([
      { type: 'embed', url: 'https://www.instagram.com/p/CabcDEF123/' },
      { type: 'embed', url: 'https://www.tiktok.com/@someone/video/7123456789012345678', caption: 'Dance' },
    ]);
    assert.deepEqual($('figure.embed a').map((_, a) => $(a).text()).get(), ['View on Instagram', 'View on TikTok']);
    assert.equal($('figure.embed--tiktok figcaption').text(), 'Dance');
  });
});

describe('renderPlainText', () => {
  test('gives the words of paragraphs, headings, list items and quotes, block by block', () => {
    const text = renderPlainText([
      { type: 'heading', level: 2, content: [{ text: 'The ' }, { text: 'feud', marks: [{ type: 'bold' }] }] },
      { type: 'paragraph', content: [{ text: 'It began ' }, { text: 'in 2020.', marks: [{ type: 'link', href: 'https://e.com' }] }] },
      { type: 'list', isOrdered: true, items: [[{ text: 'One' }], [{ text: 'Two' }]] },
      { type: 'separator' },
      { type: 'quote', style: 'pull', text: 'We aren’t friends.', speaker: 'John Legend', source: 'CNN' },
      { type: 'quote', style: 'body', text: 'Unattributed.' },
    ]);
    assert.equal(text, 'The feud\n\nIt began in 2020.\n\nOne\n\nTwo\n\nWe aren’t friends. — John Legend\n\nUnattributed.');
  });

  test('includes image and embed captions but not images and embeds without one', () => {
    const text = renderPlainText([
      { type: 'image', media: 1, caption: 'On stage' },
      { type: 'image', media: 2 },
      { type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ', caption: 'The clip' },
      { type: 'embed', url: 'https://youtu.be/dQw4w9WgXcQ' },
    ]);
    assert.equal(text, 'On stage\n\nThe clip');
  });

  test('gives the text of a raw HTML block without tags or scripts', () => {
    const text = renderPlainText([{ type: 'html', html: '<p>Hello <a href="https://e.com">there</a></p><script>alert(1)</script><table><tr><td>cell</td></tr></table>' }]);
    assert.equal(text, 'Hello there cell');
  });

  test(
    'gives the text of a raw HTML block with entities decoded and words whole',
    () => {
      const text = renderPlainText([{ type: 'html', html: '<p>Tom &amp; Jerry were <b>bold</b>ly &lt;here&gt;</p>' }]);
      assert.equal(text, 'Tom & Jerry were boldly <here>');
    },
  );

  test('is empty for an empty body', () => {
    assert.equal(renderPlainText([]), '');
  });
});

describe('summarise', () => {
  test('returns a short text unchanged, with its spaces flattened', () => {
    assert.equal(summarise('  Short\n\ntext  here '), 'Short text here');
  });

  test('cuts a long text at a word boundary and ends it with an ellipsis', () => {
    const text = 'John Legend says politics ruined his friendship with Kanye West, and he does not expect it to recover any time soon.';
    const summary = summarise(text, 60);
    assert.equal(summary, 'John Legend says politics ruined his friendship with Kanye…');
    assert.ok(summary.length <= 60);
  });

  test('cuts a single long word at the limit', () => {
    assert.equal(summarise('a'.repeat(30), 10), `${'a'.repeat(9)}…`);
  });

  test('keeps 160 characters at most by default', () => {
    const summary = summarise('word '.repeat(100));
    assert.ok(summary.length <= 160, `length ${summary.length}`);
    assert.ok(summary.endsWith('word…'), summary);
  });

  test(
    'keeps the last whole word when it ends exactly at the limit',
    () => {
      assert.equal(summarise('aaaa bbbb cccc', 10), 'aaaa bbbb…');
    },
  );
});
