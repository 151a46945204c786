import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { hasLoneSurrogate, textProblem, toWellFormed } from '../../src/lib/plain-text.js';
import { siteIcon } from '../../src/site/templates/site-icon.js';

describe('the plain-text rule', () => {
  test('refuses unpaired surrogates, high or low, anywhere; keeps pairs (emoji)', () => {
    for (const text of ['\ud800', 'a\ud800', '\udc00b', 'x\ud83dy', '🎤\udfa4']) assert.equal(hasLoneSurrogate(text), true, JSON.stringify(text));
    for (const text of ['', 'Beyoncé', '🎤', 'a🎤b🎤']) assert.equal(hasLoneSurrogate(text), false, JSON.stringify(text));
    assert.match(textProblem('\ud800') ?? '', /surrogate/);
  });

  test('refuses C0 and C1 control characters but tab, line feed and carriage return; one-line text refuses those line breaks too', () => {
    for (const text of ['a\u0000b', '\u0007', '\u001b[31m', 'a\u007fb', 'a\u0085b', '\u009f']) assert.match(textProblem(text) ?? '', /control characters/, JSON.stringify(text));
    for (const text of ['tab\there', 'two\nlines', 'crlf\r\n']) {
      assert.equal(textProblem(text), undefined, JSON.stringify(text));
      assert.match(textProblem(text, { isOneLine: true }) ?? '', text.includes('\t') ? /^$/ : /one line/);
    }
    assert.match(textProblem('a\u2028b', { isOneLine: true }) ?? '', /one line/);
  });

  test('toWellFormed replaces only the unpaired halves', () => {
    assert.equal(toWellFormed('a\ud800b🎤\udc00'), 'a\ufffdb🎤\ufffd');
    assert.equal(toWellFormed('fine'), 'fine');
  });

  test('the site icon is made from a title that starts with a lone surrogate instead of throwing URIError', () => {
    const $ = cheerio.load(String(siteIcon('\ud800 title')));
    const href = $('link[rel="icon"]').attr('href') ?? '';
    assert.match(href, /^data:image\/svg\+xml,/);
    assert.ok(decodeURIComponent(href.slice('data:image/svg+xml,'.length)).includes('\ufffd'));
  });
});
