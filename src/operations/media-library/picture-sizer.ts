import type { OperationContext } from '../context.js';
import { JOB_KINDS, queuePictureSizes } from '../queue-jobs.js';

/**
 * Watches for pictures stored without their sizes (see picture-sizes.ts: an
 * import stores originals only) and queues the `picture-sizes` job for them,
 * which one process runs (src/jobs/). Every process may watch: the job's
 * dedupe key keeps one pending for the whole site. Pictures the last job
 * could not read are not queued again until more are waiting than it failed.
 * The timer does not keep the process alive; stop resolves once a look in
 * progress is done.
 */
export function startPictureSizer(options: { context: OperationContext; intervalMs: number; onError: (error: unknown) => void }): () => Promise<void> {
  const { store } = options.context;
  let running: Promise<void> | undefined;
  let isStopped = false;
  const look = async () => {
    const waiting = await store.mediaLibrary.countWithoutSizes();
    if (waiting === 0) return;
    const [last] = await store.jobs.list({ kind: JOB_KINDS.pictureSizes, limit: 1, offset: 0 });
    if (last?.status === 'queued' || last?.status === 'running') return;
    const failed = (last?.progress.checkpoint as { failed?: unknown[] } | null)?.failed?.length ?? 0;
    if (last && waiting <= failed) return;
    await queuePictureSizes(options.context);
  };
  const tick = () => {
    if (running || isStopped) return;
    running = look()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    isStopped = true;
    clearInterval(timer);
    await running;
  };
}
