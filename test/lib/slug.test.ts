import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidSlug, slugify } from '../../src/lib/slug.js';

describe('slugify', () => {
  test('lower-cases and joins words with single hyphens', () => {
    assert.equal(slugify('John Legend Reveals How Politics Ruined It'), 'john-legend-reveals-how-politics-ruined-it');
  });

  test('folds accents to their base letters', () => {
    assert.equal(slugify('Beyoncé'), 'beyonce');
    assert.equal(slugify('Ça déçoit à Zürich'), 'ca-decoit-a-zurich');
  });

  test('drops straight apostrophes instead of splitting the word', () => {
    assert.equal(slugify("Kanye's feud"), 'kanyes-feud');
  });

  test('drops curly apostrophes instead of splitting the word', () => {
    assert.equal(slugify('Kanye’s feud'), 'kanyes-feud');
    assert.equal(slugify('‘Rock’n’roll’'), 'rocknroll');
  });

  test('collapses a run of punctuation and spaces into one hyphen', () => {
    assert.equal(slugify('Politics — “ruined” it!!!  Really?'), 'politics-ruined-it-really');
  });

  test('spells out an ampersand', () => {
    assert.equal(slugify('Salt & Pepper'), 'salt-and-pepper');
  });

  test('trims hyphens from both ends', () => {
    assert.equal(slugify('  --“Hello, world!”--  '), 'hello-world');
  });

  test('keeps digits and letters of other scripts', () => {
    assert.equal(slugify('Top 10 of 2026'), 'top-10-of-2026');
    assert.equal(slugify('東京 2026'), '東京-2026');
  });

  test('gives an empty slug for text with no letters or digits', () => {
    assert.equal(slugify('?!… — “”'), '');
  });

  test('caps a long slug at 190 characters', () => {
    const slug = slugify('word '.repeat(100));
    assert.ok(slug.length <= 190, `length ${slug.length}`);
    assert.equal(slug, Array.from({ length: 38 }, () => 'word').join('-'));
    assert.equal(slug.length, 189);
  });

  test('does not end a capped slug with a hyphen', () => {
    // 189 letters then a space: the cut at 190 falls right after a hyphen.
    const slug = slugify(`${'a'.repeat(189)} bcd`);
    assert.equal(slug, 'a'.repeat(189));
  });

  test('keeps exactly 190 characters when the cut falls inside a word', () => {
    const slug = slugify('b'.repeat(250));
    assert.equal(slug, 'b'.repeat(190));
  });
});

describe('isValidSlug', () => {
  test('accepts lower-case words joined by single hyphens', () => {
    assert.equal(isValidSlug('john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west'), true);
    assert.equal(isValidSlug('2026'), true);
    assert.equal(isValidSlug('東京-2026'), true);
  });

  test('accepts whatever slugify makes of a title', () => {
    for (const title of ['Beyoncé’s tour', 'Salt & Pepper', 'Top 10 of 2026', 'word '.repeat(100)]) {
      assert.equal(isValidSlug(slugify(title)), true, title);
    }
  });

  test('refuses an empty slug', () => {
    assert.equal(isValidSlug(''), false);
  });

  test('refuses capital letters, spaces, slashes and underscores', () => {
    for (const slug of ['Kanye-west', 'kanye west', 'kanye/west', 'kanye_west', 'kanye.west']) {
      assert.equal(isValidSlug(slug), false, slug);
    }
  });

  test('refuses leading, trailing and doubled hyphens', () => {
    for (const slug of ['-kanye', 'kanye-', 'kanye--west', '-']) {
      assert.equal(isValidSlug(slug), false, slug);
    }
  });

  test('refuses a slug longer than 190 characters', () => {
    assert.equal(isValidSlug('a'.repeat(190)), true);
    assert.equal(isValidSlug('a'.repeat(191)), false);
  });

  test(
    'refuses punctuation and spaces from beyond Latin-1',
    () => {
      for (const slug of ['kanye’s-feud', 'politics—ruined', 'wait…', 'tokyo\u3000news', 'a\u2028b', 'price÷2']) {
        assert.equal(isValidSlug(slug), false, JSON.stringify(slug));
      }
    },
  );
});
