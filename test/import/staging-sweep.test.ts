import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openStagingRun, RUN_COMMITTED, RUN_LOCK, RUN_PENDING, stagingRoot } from '../../src/import/media-staging.js';
import { STALE_AFTER_MS, sweepStaging } from '../../src/import/staging-sweep.js';
import { tempDir } from '../helpers/cli-process.js';
import { ENGINES, createTestStore, skipUnless, type TestStore } from '../helpers/engines.js';
import { startServer } from '../helpers/server.js';
import { storedMedia } from '../operations/media-library/library-fixtures.js';

/**
 * The start-up sweep of import staging folders: what a killed run left goes
 * (or, if its transaction had committed, is moved into place), and a run
 * still going in another process keeps its folder.
 */

/** A process id that has just exited, so no process has it. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

/** A run folder as a run leaves it: its lock, touched `beatAgoMs` ago, and one picture. */
function stagedRun(mediaDir: string, input: { name: string; owner?: { pid: number; host: string }; beatAgoMs?: number; picture?: string }): string {
  const runDir = join(stagingRoot(mediaDir), input.name);
  const picture = join(runDir, input.picture ?? '2026/11/photo-0123456789.jpg');
  mkdirSync(dirname(picture), { recursive: true });
  writeFileSync(picture, `bytes of ${input.name}`);
  if (input.owner) {
    const lock = join(runDir, RUN_LOCK);
    writeFileSync(lock, JSON.stringify({ ...input.owner, startedAt: new Date().toISOString() }));
    const beat = new Date(Date.now() - (input.beatAgoMs ?? 0));
    utimesSync(lock, beat, beat);
  }
  return runDir;
}

describe('the staging sweep', () => {
  let mediaDir = '';
  before(() => (mediaDir = join(tempDir(), 'media')));
  after(() => rmSync(dirname(mediaDir), { recursive: true, force: true }));

  test('leaves a run that is still going (in this process) alone, files and all', async () => {
    const run = await openStagingRun({ mediaDir });
    try {
      const picture = join(run.dir, '2026/11/live-0123456789.jpg');
      mkdirSync(dirname(picture), { recursive: true });
      writeFileSync(picture, 'live');
      const report = await sweepStaging({ mediaDir });
      assert.deepEqual(report.live, [run.id]);
      assert.deepEqual(report.removed, []);
      assert.equal(readFileSync(picture, 'utf8'), 'live');
    } finally {
      await run.discard();
    }
    assert.equal(existsSync(run.dir), false, 'a discarded run removes its folder');
  });

  test('leaves a run in another live process alone, and removes a killed one at once', async () => {
    // The test runner's parent is alive and is not this process.
    const live = stagedRun(mediaDir, { name: 'live-elsewhere', owner: { pid: process.ppid, host: hostname() } });
    const killed = stagedRun(mediaDir, { name: 'killed', owner: { pid: deadPid(), host: hostname() } });
    const report = await sweepStaging({ mediaDir });
    assert.deepEqual(report.live, ['live-elsewhere']);
    assert.deepEqual(report.removed, ['killed']);
    assert.ok(existsSync(join(live, '2026/11/photo-0123456789.jpg')));
    assert.equal(existsSync(killed), false);
    assert.equal(existsSync(join(mediaDir, '2026/11/photo-0123456789.jpg')), false, 'nothing of the killed run reached the media folder');
    rmSync(live, { recursive: true });
  });

  test('trusts another machine’s run while its heartbeat is recent, and no run whose heartbeat stopped', async () => {
    stagedRun(mediaDir, { name: 'elsewhere-beating', owner: { pid: 1, host: 'another-machine.invalid' }, beatAgoMs: 60_000 });
    stagedRun(mediaDir, { name: 'elsewhere-silent', owner: { pid: 1, host: 'another-machine.invalid' }, beatAgoMs: STALE_AFTER_MS + 60_000 });
    // A process id reused by another program: alive, but the run's heartbeat stopped long ago.
    stagedRun(mediaDir, { name: 'pid-reused', owner: { pid: process.ppid, host: hostname() }, beatAgoMs: STALE_AFTER_MS + 60_000 });
    const report = await sweepStaging({ mediaDir });
    assert.deepEqual(report.live, ['elsewhere-beating']);
    assert.deepEqual(report.removed.sort(), ['elsewhere-silent', 'pid-reused']);
    rmSync(join(stagingRoot(mediaDir), 'elsewhere-beating'), { recursive: true });
  });

  test('leaves a folder without a lock while it is new (a run starting), and removes an old one', async () => {
    const starting = stagedRun(mediaDir, { name: 'starting' });
    let report = await sweepStaging({ mediaDir });
    assert.deepEqual(report.live, ['starting']);
    report = await sweepStaging({ mediaDir, now: Date.now() + STALE_AFTER_MS + 1000 });
    assert.deepEqual(report.removed, ['starting']);
    assert.equal(existsSync(starting), false);
  });

  test('finishes a killed run that had committed: its files are moved into place', async () => {
    const runDir = stagedRun(mediaDir, { name: 'committed', owner: { pid: deadPid(), host: hostname() }, picture: 'files/wp-7/report.pdf' });
    writeFileSync(join(runDir, RUN_COMMITTED), '');
    const report = await sweepStaging({ mediaDir });
    assert.deepEqual(report.finished, ['committed']);
    assert.equal(readFileSync(join(mediaDir, 'files/wp-7/report.pdf'), 'utf8'), 'bytes of committed');
    assert.equal(existsSync(runDir), false);
  });
});

for (const engine of ENGINES) {
  describe(`the staging sweep asks the store about a run killed as it committed (${engine})`, { skip: await skipUnless(engine) }, () => {
    let t: TestStore;
    before(async () => (t = await createTestStore(engine)));
    after(async () => t?.cleanup());

    test('moves the pictures the store holds into place, and removes those of a run that never committed', async () => {
      const mediaDir = join(t.dataDir, 'media');
      const stored = await storedMedia(t.store, { path: '2026/11/stored-0123456789.jpg' });
      const committed = stagedRun(mediaDir, { name: 'committed', owner: { pid: deadPid(), host: hostname() }, picture: stored.path });
      writeFileSync(join(committed, RUN_PENDING), JSON.stringify([{ id: stored.id, path: stored.path }]));
      // Rolled back: its id may have gone to another picture since (SQLite gives the highest id again), not with its path.
      const rolledBack = stagedRun(mediaDir, { name: 'rolled-back', owner: { pid: deadPid(), host: hostname() }, picture: '2026/11/never-9876543210.jpg' });
      writeFileSync(join(rolledBack, RUN_PENDING), JSON.stringify([{ id: stored.id, path: '2026/11/never-9876543210.jpg' }]));
      const report = await sweepStaging({ mediaDir, store: t.store });
      assert.deepEqual(report.finished, ['committed']);
      assert.deepEqual(report.removed, ['rolled-back']);
      assert.ok(existsSync(join(mediaDir, stored.path)));
      assert.equal(existsSync(join(mediaDir, '2026/11/never-9876543210.jpg')), false);
    });
  });
}

describe('/media/ never serves a staging folder', () => {
  let t: TestStore;
  before(async () => (t = await createTestStore('sqlite')));
  after(async () => t?.cleanup());

  test('a staged picture is a 404 however its path is spelled; the same file in place is served', async () => {
    const mediaDir = join(t.dataDir, 'media');
    for (const path of ['.staging/run-1/2026/11/photo-0123456789.jpg', '2026/11/photo-0123456789.jpg']) {
      mkdirSync(dirname(join(mediaDir, path)), { recursive: true });
      writeFileSync(join(mediaDir, path), 'not yet committed');
    }
    const server = await startServer({ store: t.store, dataDir: t.dataDir });
    try {
      assert.equal((await server.get('/media/2026/11/photo-0123456789.jpg')).status, 200);
      for (const path of ['/media/.staging/run-1/2026/11/photo-0123456789.jpg', '/media/%2Estaging/run-1/2026/11/photo-0123456789.jpg', '/media/2026/../.staging/run-1/2026/11/photo-0123456789.jpg']) {
        const response = await server.get(path);
        const body = await response.text();
        assert.equal(response.status, 404, path);
        assert.doesNotMatch(body, /not yet committed/, path);
      }
    } finally {
      await server.close();
    }
  });
});
