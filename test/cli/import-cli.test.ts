import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportReport } from '../../src/import/wordpress/import-report.js';
import { openStore } from '../../src/store/open-store.js';
import { run, tempDir, useDataDir } from '../helpers/cli-process.js';
import { readExport } from '../import/fixture-counts.js';
import { writeUploads } from '../import/fixture-uploads.js';
import { FIXTURE, fixtureText } from '../import/wxr-fixture.js';

describe('masthead import wordpress', () => {
  let dataDir = '';
  useDataDir((dir) => (dataDir = dir));
  const env = () => ({ DATA_DIR: dataDir, MASTHEAD_DEMO: '0' });

  test('imports the export with its uploads, shows its progress, prints the report and writes it as JSON', async () => {
    const uploads = tempDir();
    const exported = readExport(fixtureText());
    // One picture left out: the report names it and the import goes on.
    const missing = '2008/06/canola2.jpg';
    await writeUploads(uploads, exported.items, { leaveOut: new Set([missing]) });
    const reportFile = join(tempDir(), 'report.json');
    const result = await run(['import', 'wordpress', FIXTURE, '--uploads', uploads, '--report', reportFile], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /Importing \|.*\| pass 2\/2 · \d+ items · 100%/, 'the progress bar ran to the end of the second pass');
    assert.match(result.stdout, /Imported wpthemetestdata\.wordpress\.com from .* in \d+\.\d s\./);
    const publishedPosts = exported.items.filter((i) => i.type === 'post' && i.status === 'publish').length;
    assert.match(result.stdout, new RegExp(`^Posts +\\d+ +0 +0 +0 +0$`, 'm'));
    assert.match(result.stdout, new RegExp(`skipped +attachment \\d+ .*the file ${missing} is not in the uploads folder`));

    // The pictures' variants are made after the import, with a bar of their own.
    assert.match(result.stderr, /Picture sizes \|.*\| (\d+)\/\1/);
    assert.match(result.stdout, /^Made the sizes of \d+ pictures in \d+\.\d s\.$/m);

    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as ImportReport;
    assert.ok(report.counts.post.created >= publishedPosts);
    assert.equal(report.counts.attachment.skipped, 1);
    const skipped = report.items.find((i) => i.type === 'attachment' && i.outcome === 'skipped')!;
    assert.match(skipped.wpId, /^\d+$/);
    assert.match(skipped.reason!, new RegExp(missing));

    const again = await run(['import', 'wordpress', FIXTURE, '--uploads', uploads], env());
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^Posts +0 +0 +\d+ +0 +0$/m, 'the second run finds every post unchanged');
  });

  test('with --defer-sizes, the pictures are stored as uploaded and their sizes left to the servers', async () => {
    const uploads = tempDir();
    await writeUploads(uploads, readExport(fixtureText()).items);
    const own = tempDir();
    const result = await run(['import', 'wordpress', FIXTURE, '--uploads', uploads, '--defer-sizes'], { DATA_DIR: own, MASTHEAD_DEMO: '0' });
    assert.equal(result.code, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /Picture sizes/);
    const store = await openStore({ engine: 'sqlite', file: join(own, 'masthead.sqlite') });
    try {
      assert.ok((await store.mediaLibrary.countWithoutSizes()) > 30, 'every picture is waiting for its sizes');
    } finally {
      await store.close();
    }
  });

  test('says what is wrong with the command line, the file or the folders, and exits non-zero', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['import'], /import takes "wordpress" and an export file/],
      [['import', 'ghost', 'x.json'], /import takes "wordpress".*got "ghost"/],
      [['import', 'wordpress'], /needs the export file/],
      [['import', 'wordpress', join(tempDir(), 'nope.xml')], /There is no file at .*nope\.xml/],
      [['import', 'wordpress', FIXTURE, '--uploads', join(tempDir(), 'nowhere')], /--uploads .*nowhere: there is no folder there/],
      [['import', 'wordpress', FIXTURE, '--report', join(tempDir(), 'no', 'such', 'r.json')], /--report .*the folder .* does not exist/],
      [['import', 'wordpress', FIXTURE, '--colour'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args, env());
      assert.notEqual(result.code, 0, args.join(' '));
      assert.match(result.stderr, message, args.join(' '));
    }
    const html = join(tempDir(), 'page.xml');
    writeFileSync(html, '<html><body><p>Not an export</p></body></html>\n');
    const refused = await run(['import', 'wordpress', html], env());
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /page\.xml:1: .*not a WordPress export/);
  });
});
