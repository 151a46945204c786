import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KnownRows } from '../../src/store/known-rows.js';

const bytes = (n: number) => ({ byteLength: n });

describe('KnownRows', () => {
  test('gives back what it holds with its version, and nothing for a key it does not hold', () => {
    const known = new KnownRows<{ byteLength: number }>(1000);
    known.remember('a', 'v1', bytes(10));
    assert.equal(known.get('a')?.version, 'v1');
    assert.equal(known.get('b'), undefined);
    known.remember('a', 'v2', bytes(20));
    assert.equal(known.get('a')?.version, 'v2');
    assert.deepEqual(known.size, { entries: 1, bytes: 20 });
  });

  test('stays within its bytes, dropping the least recently used first', () => {
    const known = new KnownRows<{ byteLength: number }>(1000);
    for (const key of ['a', 'b', 'c', 'd']) known.remember(key, '1', bytes(100));
    known.get('a'); // a is now the most recently used
    for (const key of ['e', 'f', 'g', 'h', 'i', 'j', 'k']) known.remember(key, '1', bytes(100));
    assert.ok(known.size.bytes <= 1000, `${known.size.bytes} bytes held`);
    assert.notEqual(known.get('a'), undefined, 'the entry read lately stays');
    assert.equal(known.get('b'), undefined, 'the oldest unread entry went first');
  });

  test('does not hold a value too big to be worth a slot', () => {
    const known = new KnownRows<{ byteLength: number }>(1000);
    known.remember('small', '1', bytes(10));
    known.remember('huge', '1', bytes(900));
    assert.equal(known.get('huge'), undefined);
    assert.notEqual(known.get('small'), undefined);
  });
});
