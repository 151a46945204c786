import assert from 'node:assert/strict';
import { test } from 'node:test';
import { phpUnserialize, PhpUnserializeError } from '../../src/import/wordpress/php-unserialize.js';

test('reads nested arrays, numbers, booleans and null in order', () => {
  const value = phpUnserialize('a:4:{s:5:"width";i:1200;i:0;d:1.5;s:4:"meta";a:2:{s:1:"x";b:1;s:1:"y";N;}s:1:"n";i:-3;}');
  assert.deepEqual(value, new Map<string | number, unknown>([
    ['width', 1200],
    [0, 1.5],
    ['meta', new Map<string, unknown>([['x', true], ['y', null]])],
    ['n', -3],
  ]));
});

test('counts string lengths in UTF-8 bytes, as PHP does', () => {
  // "Zoë ©" is 5 characters and 7 bytes
  assert.equal(phpUnserialize('s:7:"Zoë ©";'), 'Zoë ©');
  assert.throws(() => phpUnserialize('s:5:"Zoë ©";'), PhpUnserializeError);
});

test('refuses objects, references and truncated or padded input', () => {
  for (const input of ['O:8:"stdClass":0:{}', 'a:1:{i:0;r:1;}', 'C:3:"Foo":0:{}', 'a:2:{i:0;i:1;', 's:3:"abc";x', 'i:12', '']) {
    assert.throws(() => phpUnserialize(input), PhpUnserializeError, input);
  }
});
