import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { run, useDataDir } from '../helpers/cli-process.js';

/** `masthead jobs`: what a settings change queued, run here with `jobs run`, and retry refused for a job that did not fail. */
describe('masthead jobs', () => {
  let dir = '';
  useDataDir((d) => (dir = d));
  const env = () => ({ DATA_DIR: dir, MASTHEAD_DEMO: '0' });

  test('lists the re-render a settings change queued, runs it with `jobs run`, and refuses to retry it once done', async () => {
    assert.equal((await run(['jobs'], env())).stdout, 'No jobs.\n');
    // An empty site has no page to re-render (test/jobs/settings-job.test.ts); this one has the demo's.
    const demo = await run(['demo', '--articles', '2'], env());
    assert.equal(demo.code, 0, demo.stderr);
    assert.equal((await run(['jobs'], env())).stdout, 'No jobs.\n', 'seeding a site queues no re-render of its own pages');
    assert.equal((await run(['settings', 'title=Evening Post'], env())).code, 0);
    const queued = await run(['jobs'], env());
    assert.match(queued.stdout, /^1\s+rerender-all\s+queued\s/m);
    assert.match(queued.stdout, /1 queued, 0 running, 0 done, 0 failed/);
    const ran = await run(['jobs', 'run'], env());
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /Job 1 \(rerender-all\): done/);
    assert.match((await run(['jobs'], env())).stdout, /^1\s+rerender-all\s+done\s/m);
    const retry = await run(['jobs', 'retry', '1'], env());
    assert.equal(retry.code, 1);
    assert.match(retry.stderr, /only a failed job can be retried/);
    const bad = await run(['jobs', 'retry', 'first'], env());
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /takes a job's id/);
  });
});
