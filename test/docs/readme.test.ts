import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '../../src/lib/errors.js';
import { ENV_VARIABLES } from '../../src/config.js';

/** The README is part of the interface: these fail when code adds something it does not document. */
const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');

function tableSection(heading: string): string {
  const start = readme.indexOf(`## ${heading}`);
  assert.ok(start >= 0, `README has no "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 3);
  return readme.slice(start, end === -1 ? undefined : end);
}

test('every error code is in the README’s error table with its status, and nothing else is', () => {
  const section = tableSection('Error codes');
  const documented = [...section.matchAll(/^\| `([A-Z_]+)` \| (\d{3}|—) \|/gm)].map((m) => [m[1], m[2]]);
  const expected = Object.entries(ERROR_CODES).map(([code, info]) => [code, code === 'CONFIG_INVALID' ? '—' : String(info.status)]);
  assert.deepEqual(documented.sort(), expected.sort());
});

test('every environment variable the configuration reads is in the README’s configuration table', () => {
  const section = tableSection('Configuration');
  const documented = [...section.matchAll(/^\| `([A-Z0-9_]+)` \|/gm)].map((m) => m[1]);
  for (const name of ENV_VARIABLES) assert.ok(documented.includes(name), `${name} is not documented`);
});

test('the README gives the two set-up commands and the test command', () => {
  assert.match(readme, /npm install && npm start/);
  assert.match(readme, /^npm test$/m);
});
