import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Where a dynamic import is not a module loaded on first use (src/on-first-use.ts says why). */
const ALLOWED = new Set(['on-first-use.ts', 'store/open-store.ts', 'change-bus/open-change-bus.ts']);
const isAllowed = (path: string) => ALLOWED.has(path) || path.startsWith('cli/');

/** A dynamic import() that runs (not `typeof import(…)` or `Promise<import(…)…>` in a type). */
const RUNTIME_IMPORT = /(?<!typeof\s)(?<![<:|]\s?)\bimport\(\s*['"`]/g;

test('modules are loaded on first use only through src/on-first-use.ts', () => {
  const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((file) => file.endsWith('.ts'));
  assert.ok(files.length > 100, `read ${files.length} source files`);
  const scattered = files
    .map((file) => relative(SRC, join(SRC, file)).split('\\').join('/'))
    .filter((path) => !isAllowed(path))
    .filter((path) => new RegExp(RUNTIME_IMPORT.source).test(readFileSync(join(SRC, path), 'utf8')));
  assert.deepEqual(scattered, [], 'these load a module themselves: add it to src/on-first-use.ts and use the entry');
  const manifest = readFileSync(join(SRC, 'on-first-use.ts'), 'utf8');
  assert.ok((manifest.match(RUNTIME_IMPORT) ?? []).length >= 10, 'the manifest lists the deferred modules');
});
