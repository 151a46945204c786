import type { Config } from '../config.js';
import type { Job } from '../content/store-jobs.js';
import { systemClock } from '../lib/clock.js';
import { AppError } from '../lib/errors.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';
import { listJobs, retryJob } from '../operations/jobs/manage-jobs.js';
import { openStore, storeLocation } from '../store/open-store.js';

/** A job's progress as a line shows it: "4200/10000 (42%)", or "-" before it has counted. */
export function progressText(job: Pick<Job, 'progress'>): string {
  const { done, total } = job.progress;
  if (total === null) return done > 0 ? String(done) : '-';
  return `${done}/${total} (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)`;
}

function table(jobs: Job[]): string {
  const rows = [['ID', 'KIND', 'STATUS', 'PROGRESS', 'ATTEMPTS', 'UPDATED', 'BY', 'ERROR']];
  for (const job of jobs) {
    rows.push([
      String(job.id),
      job.kind,
      job.status,
      progressText(job),
      `${job.attempts}/${job.maxAttempts}`,
      job.updatedAt,
      job.claimedBy ?? '-',
      (job.lastError ?? '').replace(/\s+/g, ' ').slice(0, 120),
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd()).join('\n');
}

/**
 * `masthead jobs` lists the newest background jobs with their progress and
 * errors; `masthead jobs retry ID` queues a failed one again; `masthead jobs
 * run` runs what is queued in this process until nothing is due (for a site
 * changed from the command line while no server runs).
 */
export async function runJobs(config: Readonly<Config>, args: { action?: string; id?: string; limit?: string }): Promise<number> {
  const store = await openStore(storeLocation(config));
  const context = { store, clock: systemClock };
  try {
    if (args.action === undefined || args.action === 'list') {
      const limit = args.limit === undefined ? 20 : Number(args.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError('BAD_REQUEST', `--limit must be a whole number from 1 to 200 (got "${args.limit}")`);
      const page = await listJobs(context, { page: 1, perPage: limit });
      const counts = Object.entries(page.counts).map(([status, n]) => `${n} ${status}`).join(', ');
      process.stdout.write(page.items.length === 0 ? 'No jobs.\n' : `${table(page.items)}\n\n${counts}\n`);
      return 0;
    }
    if (args.action === 'retry') {
      const id = /^\d{1,10}$/.test(args.id ?? '') ? Number(args.id) : 0;
      if (id < 1 || id > MAX_RECORD_ID) throw new AppError('BAD_REQUEST', `jobs retry takes a job's id (got ${args.id === undefined ? 'nothing' : `"${args.id}"`})`);
      const job = await retryJob(context, id);
      process.stdout.write(`Job ${job.id} (${job.kind}) is queued again from ${progressText(job)}.\n`);
      return 0;
    }
    if (args.action === 'run') {
      const { runJobsUntilIdle, runnerName } = await import('../jobs/job-runner.js');
      const { jobHandlers } = await import('../jobs/handlers/index.js');
      const { lazyImageIngest } = await import('../media/lazy-ingest.js');
      const { openMediaStorage } = await import('../media-storage/open-media-storage.js');
      const { openCdnPurger } = await import('../cdn-purge/open-cdn-purger.js');
      // Picture sizes read the originals from, and write to, the media folder or bucket MEDIA_STORAGE names.
      const mediaStorage = openMediaStorage(config);
      let failures = 0;
      await runJobsUntilIdle({
        store,
        clock: systemClock,
        handlers: jobHandlers({ ...context, images: lazyImageIngest({ storage: mediaStorage }), cdnPurger: openCdnPurger(config.cdn) }),
        name: runnerName(config.instanceName ?? 'cli'),
        onError: (error, jobId) => {
          failures += 1;
          process.stderr.write(`masthead: job ${jobId ?? '?'} failed: ${error instanceof Error ? error.message : String(error)}\n`);
        },
        onFinished: (job, outcome) => process.stdout.write(`Job ${job.id} (${job.kind}): ${outcome}\n`),
      });
      await mediaStorage.close();
      return failures === 0 ? 0 : 1;
    }
    throw new AppError('BAD_REQUEST', `"jobs" takes list, retry ID or run (got "${args.action}")`);
  } finally {
    await store.close();
  }
}
