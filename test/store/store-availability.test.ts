import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreAvailability } from '../../src/store/store-availability.js';

test('an outage is told once when it starts and once when it ends, however many statements fail or answer', () => {
  const availability = new StoreAvailability();
  const told: boolean[] = [];
  availability.onChange((change) => told.push(change.isAvailable));
  availability.answered();
  availability.failed(new Error('down'));
  availability.failed(new Error('still down'));
  availability.answered();
  availability.answered();
  assert.deepEqual(told, [false, true]);
});

test('a statement that began during an outage and fails after the store answered again does not report it again', () => {
  const availability = new StoreAvailability();
  const told: boolean[] = [];
  availability.onChange((change) => told.push(change.isAvailable));
  availability.failed(new Error('down'));
  // This one was waiting for a connection (up to the connect timeout) while the store came back.
  const startedDuringOutage = performance.now();
  availability.answered();
  availability.failed(new Error('timed out waiting'), startedDuringOutage);
  assert.deepEqual(told, [false, true]);
  assert.equal(availability.isAvailable, true);
  // A statement that begins after the recovery and fails is a new outage.
  availability.failed(new Error('down again'), performance.now() + 1);
  assert.deepEqual(told, [false, true, false]);
});
