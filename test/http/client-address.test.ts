import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey } from '../../src/rate-limit/client-address.js';

test('limits count an IPv4 address by itself, however it is written', () => {
  assert.equal(addressKey('203.0.113.9'), '203.0.113.9');
  assert.equal(addressKey('::ffff:203.0.113.9'), '203.0.113.9');
  assert.notEqual(addressKey('203.0.113.9'), addressKey('203.0.113.10'));
});

test('limits count an IPv6 client by its /64, so picking a new address in it changes nothing', () => {
  const key = addressKey('2001:db8:85a3:1:aaaa:bbbb:cccc:1');
  assert.equal(key, '2001:db8:85a3:1::/64');
  for (const other of ['2001:db8:85a3:1::2', '2001:0db8:85a3:0001:ffff:ffff:ffff:ffff', '2001:DB8:85A3:1:1:2:3:4', '2001:db8:85a3:1::1%eth0']) {
    assert.equal(addressKey(other), key, other);
  }
  assert.notEqual(addressKey('2001:db8:85a3:2::1'), key, 'the next /64 is another client');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey('2001:db8::1'), '2001:db8:0:0::/64');
});
