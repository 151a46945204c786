import type { Store } from '../../src/content/store.js';
import { systemClock } from '../../src/lib/clock.js';
import { runJobsUntilIdle } from '../../src/jobs/job-runner.js';
import { jobHandlers } from '../../src/jobs/handlers/index.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';

/**
 * Runs the jobs a change queued (a settings change's re-render, src/jobs/)
 * to the end, here, as a serving process's runner would: for tests that
 * look at pages after such a change. Fails on a job's error.
 */
export async function runQueuedJobs(store: Store, dataDir: string): Promise<void> {
  let failure: unknown;
  await runJobsUntilIdle({
    store,
    clock: systemClock,
    handlers: jobHandlers({ store, clock: systemClock, images: createSharpIngest({ mediaDir: dataDir }) }),
    name: 'test',
    onError: (error) => (failure ??= error),
  });
  if (failure) throw failure;
}
