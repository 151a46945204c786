import type { OperationContext } from '../context.js';
import { publishDuePosts, type PublishReport } from './publish-due.js';

export interface SchedulerOptions {
  context: OperationContext;
  /** How often to look for due posts; a minute by default, WordPress's cron granularity. */
  intervalMs?: number;
  /** A run that failed, or one post that could not be published (`postId`). */
  onError: (error: unknown, postId?: number) => void;
  /** Every run's report, for logging what was published. */
  onReport?: (report: PublishReport) => void;
}

/**
 * Publishes scheduled posts when their time comes: once at start (so posts
 * that fell due while no server ran go out at once), then every interval.
 * What is scheduled lives in the store, so a restart loses nothing, and
 * several processes may each run a scheduler (see publishDuePosts). The timer
 * does not keep the process alive; a run still going when the next is due is
 * not doubled. Returns stop, which resolves once a run in progress is done,
 * so the store can be closed after it.
 */
export function startScheduler(options: SchedulerOptions): () => Promise<void> {
  const { context, onError } = options;
  let running: Promise<void> | undefined;
  let isStopped = false;
  const tick = () => {
    if (running || isStopped) return;
    running = publishDuePosts(context)
      .then((report) => {
        for (const failure of report.failed) onError(failure.error, failure.id);
        options.onReport?.(report);
      }, (error: unknown) => onError(error))
      .finally(() => {
        running = undefined;
      });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return async () => {
    isStopped = true;
    clearInterval(timer);
    await running;
  };
}
