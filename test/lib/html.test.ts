import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { attr, escapeHtml, html, jsonForScript, raw, SafeHtml } from '../../src/lib/html.js';

describe('html', () => {
  test('escapes each of & < > " and \' in an interpolated string', () => {
    const text = `Tom & Jerry <b>"hi"</b> it's`;
    assert.equal(html`<p>${text}</p>`.value, '<p>Tom &amp; Jerry &lt;b&gt;&quot;hi&quot;&lt;/b&gt; it&#39;s</p>');
  });

  test('leaves the literal parts of the template as written', () => {
    assert.equal(html`<a href="/x">${'y'}</a>`.value, '<a href="/x">y</a>');
  });

  test('returns SafeHtml', () => {
    assert.ok(html`<p></p>` instanceof SafeHtml);
  });

  test('inserts SafeHtml unescaped', () => {
    const inner = html`<em>${'a & b'}</em>`;
    assert.equal(html`<p>${inner}</p>`.value, '<p><em>a &amp; b</em></p>');
    assert.equal(html`<div>${raw('<hr>')}</div>`.value, '<div><hr></div>');
  });

  test('writes numbers as they are', () => {
    assert.equal(html`<img width="${640}" height="${0}">`.value, '<img width="640" height="0">');
  });

  test('joins arrays without separators, escaping each string item', () => {
    const items = ['<a>', html`<li>b</li>`, ['c', '&']];
    assert.equal(html`<ul>${items}</ul>`.value, '<ul>&lt;a&gt;<li>b</li>c&amp;</ul>');
  });

  test('drops null, undefined and false, also inside arrays', () => {
    assert.equal(html`[${null}|${undefined}|${false}]`.value, '[||]');
    assert.equal(html`${['a', null, false, undefined, 'b']}`.value, 'ab');
  });

  test('keeps an empty string and the number 0', () => {
    assert.equal(html`[${''}|${0}]`.value, '[|0]');
  });

  test('does not escape the same text twice', () => {
    const once = html`${'&'}`;
    assert.equal(html`${once}`.value, '&amp;');
  });

  test('stringifies to its markup', () => {
    assert.equal(String(html`<b>${'<'}</b>`), '<b>&lt;</b>');
  });
});

describe('escapeHtml', () => {
  test('returns text with nothing to escape unchanged', () => {
    assert.equal(escapeHtml('plain “curly” text — ok'), 'plain “curly” text — ok');
  });

  test('escapes every occurrence, not only the first', () => {
    assert.equal(escapeHtml('<<&&>>'), '&lt;&lt;&amp;&amp;&gt;&gt;');
  });
});

describe('attr', () => {
  test('writes a leading space, the name and the quoted escaped value', () => {
    assert.equal(attr('title', 'Say "hi" & <go>').value, ' title="Say &quot;hi&quot; &amp; &lt;go&gt;"');
  });

  test('writes a number value', () => {
    assert.equal(attr('width', 800).value, ' width="800"');
    assert.equal(attr('tabindex', 0).value, ' tabindex="0"');
  });

  test('writes nothing for null, undefined or an empty string', () => {
    assert.equal(attr('href', null).value, '');
    assert.equal(attr('href', undefined).value, '');
    assert.equal(attr('href', '').value, '');
  });

  test('cannot break out of the attribute with a single quote either', () => {
    assert.equal(attr('alt', "it's").value, ' alt="it&#39;s"');
  });

  test('is inserted unescaped into html', () => {
    assert.equal(html`<a${attr('href', '/a?b=1&c=2')}>x</a>`.value, '<a href="/a?b=1&amp;c=2">x</a>');
  });
});

describe('jsonForScript', () => {
  test('cannot close the script tag from inside a string', () => {
    const out = jsonForScript({ headline: 'x</script><script>alert(1)</script>' }).value;
    assert.equal(out, '{"headline":"x\\u003c/script>\\u003cscript>alert(1)\\u003c/script>"}');
    assert.equal(out.includes('</'), false);
    assert.equal(out.includes('<'), false);
  });

  test('cannot open an HTML comment from inside a string', () => {
    assert.equal(jsonForScript(['<!--']).value, '["\\u003c!--"]');
  });

  test('parses back to the same value', () => {
    const value = {
      '@type': 'NewsArticle',
      headline: 'Politics “ruined” it </script> & <b>',
      authors: [{ name: 'A & B' }],
      wordCount: 812,
      isAccessibleForFree: true,
      image: null,
    };
    assert.deepEqual(JSON.parse(jsonForScript(value).value), value);
  });

  test('returns SafeHtml so html does not escape it again', () => {
    const out = html`<script type="application/ld+json">${jsonForScript({ a: '"&"' })}</script>`.value;
    assert.equal(out, '<script type="application/ld+json">{"a":"\\"&\\""}</script>');
  });
});
