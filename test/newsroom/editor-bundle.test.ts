import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildNewsroomEditor, type NewsroomBuild } from '../../scripts/build-newsroom.js';

describe('the editor bundle', () => {
  let outDir: string;
  let built: NewsroomBuild;

  before(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'masthead-editor-bundle-'));
    built = await buildNewsroomEditor({ outDir });
  });
  after(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  test('holds no server code: of the project’s own files only the editor and the embed rules', () => {
    const ours = built.inputs.filter((path) => !path.startsWith('node_modules/'));
    assert.ok(ours.length > 5, 'the editor’s own files are in it');
    for (const path of ours) assert.match(path, /^src\/(newsroom\/editor\/|content\/embeds\.ts$)/, path);
    assert.equal(
      built.inputs.some((path) => path.includes('@sinclair/typebox')),
      false,
      'the content model’s compiled schema stays on the server',
    );
  });

  test('is a minified ES module with its source map and a stylesheet', async () => {
    assert.deepEqual(built.files.map((file) => basename(file.path)).sort(), ['editor.css', 'editor.js']);
    const script = await readFile(join(outDir, 'editor.js'), 'utf8');
    assert.match(script, /export\s*\{[^}]*\bmountEditor\b/);
    assert.equal(script.includes('createEditorDialogs'), false, 'minified: inner names are shortened');
    assert.equal(script.includes("Keeps the editor's selection while the pointer is down"), false, 'minified: no comments');
    assert.ok(existsSync(join(outDir, 'editor.js.map')));
  });

  test('builds in well under two seconds', () => {
    assert.ok(built.milliseconds < 2000, `${Math.round(built.milliseconds)} ms`);
  });
});
