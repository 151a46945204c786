import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findUpload, pictureKey, uploadsPath } from '../../src/import/wordpress/uploads.js';
import { fromGmt, fromLocal, itemDate } from '../../src/import/wordpress/wp-dates.js';
import { exportedSlug } from '../../src/import/wordpress/write-terms.js';
import { tempDir } from '../helpers/cli-process.js';

describe('WordPress dates', () => {
  test('GMT dates are taken as they are; zeros and junk are no date', () => {
    assert.equal(fromGmt('2020-10-26 13:00:00'), '2020-10-26T13:00:00.000Z');
    assert.equal(fromGmt('0000-00-00 00:00:00'), undefined);
    assert.equal(fromGmt('26/10/2020'), undefined);
    assert.equal(fromGmt(''), undefined);
  });

  test('local dates are read in the site’s zone, summer and winter', () => {
    assert.equal(fromLocal('2020-10-26 09:00:00', 'America/New_York'), '2020-10-26T13:00:00.000Z');
    assert.equal(fromLocal('2020-12-26 09:00:00', 'America/New_York'), '2020-12-26T14:00:00.000Z');
    assert.equal(fromLocal('2020-07-01 12:00:00', 'Europe/London'), '2020-07-01T11:00:00.000Z');
    assert.equal(fromLocal('2020-07-01 12:00:00', 'UTC'), '2020-07-01T12:00:00.000Z');
  });

  test('an item’s date is its GMT date, else its local one (a draft)', () => {
    assert.equal(itemDate({ postDateGmt: '2020-01-01 10:00:00', postDate: '2020-01-01 05:00:00' }, 'Europe/Paris'), '2020-01-01T10:00:00.000Z');
    assert.equal(itemDate({ postDateGmt: '0000-00-00 00:00:00', postDate: '2020-01-01 11:00:00' }, 'Europe/Paris'), '2020-01-01T10:00:00.000Z');
  });
});

describe('pictures in the uploads folder', () => {
  test('every URL of one picture has the same key: sizes, scaled and edited copies, query, host', () => {
    const key = '2013/03/image-alignment-580x300.jpg';
    assert.equal(pictureKey('https://example.com/wp-content/uploads/2013/03/image-alignment-580x300.jpg'), key.replace('-580x300', ''));
    const original = pictureKey('https://example.com/wp-content/uploads/2021/05/Beyonce.jpg');
    assert.equal(original, '2021/05/beyonce.jpg');
    for (const url of [
      'http://www.example.com/wp-content/uploads/2021/05/Beyonce-300x200.jpg',
      '/wp-content/uploads/2021/05/Beyonce-scaled.jpg',
      'https://cdn.example.net/wp-content/uploads/2021/05/Beyonce-e1612345678901-1024x683.jpg?resize=1',
      'https://example.files.wordpress.com/2021/05/beyonce.jpg?w=300',
    ]) {
      assert.equal(pictureKey(url), original, url);
    }
    assert.notEqual(pictureKey('https://example.com/wp-content/uploads/2021/06/Beyonce.jpg'), original, 'another month, another picture');
    assert.equal(uploadsPath('https://example.com/wp-content/uploads/2021/05/Caf%C3%A9.jpg'), '2021/05/Café.jpg');
  });

  test('a file is found only inside the uploads folder', async () => {
    const root = tempDir();
    mkdirSync(join(root, '2021/05'), { recursive: true });
    writeFileSync(join(root, '2021/05/a.jpg'), 'x');
    assert.equal(await findUpload(root, '2021/05/a.jpg'), join(root, '2021/05/a.jpg'));
    assert.equal(await findUpload(root, '2021/05/missing.jpg'), undefined);
    assert.equal(await findUpload(root, '../../etc/passwd'), undefined);
    assert.equal(await findUpload(root, '2021'), undefined, 'a folder is not a file');
  });
});

describe('slugs from an export', () => {
  test('percent-encoded slugs are decoded; unusable ones are made again from the name', () => {
    assert.equal(exportedSlug('%ce%b5%cf%80%ce%af%cf%80%ce%b5%ce%b4%ce%bf-2', 'x'), 'επίπεδο-2');
    assert.equal(exportedSlug('Hello-World', 'x'), 'hello-world');
    assert.equal(exportedSlug('', 'Beyoncé’s Tour'), 'beyonces-tour');
    assert.equal(exportedSlug('a_b c', 'x'), 'a-b-c');
  });
});
