import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { freePort, killAll, start, tempDir, waitFor200 } from '../helpers/cli-process.js';
import { skipUnlessPostgresBinaries, startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.js';

/**
 * A process that starts while its database is down (a deploy during an
 * outage, or a worker the supervisor restarts) waits for it instead of
 * exiting, and serves as soon as it is back: with several workers, exiting
 * would make the supervisor restart them in a loop.
 */
describe('masthead serve started while PostgreSQL is down', { skip: skipUnlessPostgresBinaries() }, () => {
  let postgres: ThrowawayPostgres;
  let dataDir: string;

  before(async () => {
    postgres = await startThrowawayPostgres();
    await postgres.stop();
    dataDir = tempDir();
  });
  after(async () => {
    killAll();
    await postgres?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('waits, saying so once, and serves the site when the database comes back', async () => {
    const port = await freePort();
    const { child, done } = start(['serve'], { DATABASE_URL: postgres.url, DATA_DIR: dataDir, PORT: String(port), MASTHEAD_DEMO: '1', NODE_ENV: 'test', LOG_LEVEL: 'warn' });
    let hasExited = false;
    void done.then(() => (hasExited = true));
    let stderr = '';
    child.stderr!.on('data', (chunk: string) => (stderr += chunk));
    // Long enough for several attempts to open the store: the process must still be there.
    const deadline = Date.now() + 4000;
    while (Date.now() < deadline && !hasExited && !/waiting for it/.test(stderr)) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 2500));
    assert.equal(hasExited, false, `the server exited while the database was down:\n${stderr}\n${(await Promise.race([done, Promise.resolve(undefined)]))?.stderr ?? ''}`);
    assert.match(stderr, /store cannot be reached .*waiting for it/, 'it says why it is not serving yet');
    assert.equal(stderr.match(/waiting for it/g)?.length, 1, 'said once, not at every attempt');
    await postgres.start();
    await waitFor200(`http://127.0.0.1:${port}/readyz`, () => hasExited, 30_000);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(home.status, 200);
    child.kill('SIGTERM');
    const result = await done;
    assert.equal(result.code, 0, result.stderr);
  });
});
