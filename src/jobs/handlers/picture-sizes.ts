import type { ImageIngest } from '../../content/image-ingest.js';
import type { OperationContext } from '../../operations/context.js';
import type { JobHandler } from '../job-queue.js';
import { onFirstUse } from '../../on-first-use.js';

interface SizesCheckpoint {
  /** Pictures whose pixels could not be read: skipped by the rest of this job. */
  failed: Array<{ id: number; error: string }>;
}

/**
 * `picture-sizes`: makes the sizes of every picture stored without them, a
 * few at a time, saving progress after each few. One job at a time for the
 * whole site (its dedupe key), so one process does the work instead of every
 * process at once. Making a picture's sizes twice (after a crash) writes the
 * same files and the first record wins, so it needs no transaction. The
 * sizing code and image library load only when the job runs.
 */
export function pictureSizesHandler(context: OperationContext & { images: ImageIngest }): JobHandler {
  return {
    maxAttempts: 3,
    async run({ progress, saveProgress, signal }) {
      const { makeMissingSizes } = await onFirstUse.pictureSizes();
      const checkpoint = (progress.checkpoint as SizesCheckpoint | null) ?? { failed: [] };
      const failed = [...checkpoint.failed];
      let done = progress.done;
      const total = progress.total ?? (await context.store.mediaLibrary.countWithoutSizes());
      for (;;) {
        signal.throwIfAborted();
        const report = await makeMissingSizes(context, { limit: 4, skip: new Set(failed.map((f) => f.id)) });
        failed.push(...report.failed.map((f) => ({ id: f.id, error: f.error instanceof Error ? f.error.message : String(f.error) })));
        done += report.made + report.failed.length;
        const next = { done, total: Math.max(total, done), checkpoint: { failed } satisfies SizesCheckpoint };
        if (report.made + report.failed.length === 0) return next;
        await saveProgress(next);
      }
    },
  };
}
