import type { ImageIngest } from '../../content/image-ingest.js';
import type { OperationContext } from '../context.js';
import { rerenderPostsShowing } from '../editorial/rerender.js';

/**
 * Pictures stored without their variants and crops (an import stores
 * originals only, so thousands of pictures do not hold the import up) get
 * them here, a few at a time, and the stories showing each are rendered
 * again to use them. The import command runs it to the end after importing;
 * every server also runs it in the background, so sizes an interrupted run
 * left undone are made without anyone asking. Two processes on one picture
 * write the same files; the first to record them wins, the other's record is
 * skipped.
 */
export interface SizesReport {
  made: number;
  /** A picture whose pixels could not be read: it keeps its original only, and is not tried again this run. */
  failed: Array<{ id: number; error: unknown }>;
}

export async function makeMissingSizes(
  context: OperationContext & { images: ImageIngest },
  options: { limit: number; skip?: ReadonlySet<number> },
): Promise<SizesReport> {
  const report: SizesReport = { made: 0, failed: [] };
  const pending = await context.store.mediaLibrary.listWithoutSizes(options.limit + (options.skip?.size ?? 0));
  for (const media of pending.filter((m) => !options.skip?.has(m.id)).slice(0, options.limit)) {
    try {
      const sizes = await context.images.makeSizes(media);
      // The sizes, the change signal and the posts showing the picture land together.
      await context.store.transaction(async (store) => {
        if (!(await store.mediaLibrary.setSizes(media.id, sizes))) return;
        await store.changes.record({ kind: 'media', ids: [media.id] });
        await rerenderPostsShowing(store, { mediaId: media.id });
      });
      report.made += 1;
    } catch (error) {
      report.failed.push({ id: media.id, error });
    }
  }
  return report;
}

/** Makes every missing size, in batches, telling `onProgress` how many are done of how many there were. */
export async function makeAllMissingSizes(
  context: OperationContext & { images: ImageIngest },
  onProgress?: (done: number, total: number) => void,
): Promise<SizesReport> {
  const total = await context.store.mediaLibrary.countWithoutSizes();
  const report: SizesReport = { made: 0, failed: [] };
  const failed = new Set<number>();
  onProgress?.(0, total);
  for (;;) {
    const batch = await makeMissingSizes(context, { limit: 8, skip: failed });
    report.made += batch.made;
    report.failed.push(...batch.failed);
    for (const failure of batch.failed) failed.add(failure.id);
    onProgress?.(report.made + report.failed.length, total);
    if (batch.made + batch.failed.length === 0) return report;
  }
}
