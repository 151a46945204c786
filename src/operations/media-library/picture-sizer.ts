import type { ImageIngest } from '../../content/image-ingest.js';
import type { OperationContext } from '../context.js';
import type { SizesReport } from './picture-sizes.js';

/**
 * The server's background worker for pictures stored without their sizes
 * (see picture-sizes.ts): every interval it looks for some, and makes a few.
 * The sizing code, the image library and the renderers it re-renders with are
 * loaded only once there is such a picture, so a site that never imports
 * never pays for them, at start or after. The timer does not keep the process
 * alive; stop resolves once a batch in progress is done.
 */
export function startPictureSizer(options: {
  context: OperationContext & { images: ImageIngest };
  intervalMs: number;
  batchSize?: number;
  onError: (error: unknown, mediaId?: number) => void;
  onReport?: (report: SizesReport) => void;
}): () => Promise<void> {
  let running: Promise<void> | undefined;
  let isStopped = false;
  // A picture whose pixels cannot be read is tried once per process, not every interval.
  const failed = new Set<number>();
  const tick = () => {
    if (running || isStopped) return;
    running = sizeSome()
      .then((report) => {
        for (const failure of report.failed) {
          failed.add(failure.id);
          options.onError(failure.error, failure.id);
        }
        if (report.made > 0) options.onReport?.(report);
      }, (error: unknown) => options.onError(error))
      .finally(() => {
        running = undefined;
      });
  };
  const sizeSome = async (): Promise<SizesReport> => {
    const waiting = await options.context.store.mediaLibrary.countWithoutSizes();
    if (waiting <= failed.size) return { made: 0, failed: [] };
    const { makeMissingSizes } = await import('./picture-sizes.js');
    return makeMissingSizes(options.context, { limit: options.batchSize ?? 4, skip: failed });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  return async () => {
    isStopped = true;
    clearInterval(timer);
    await running;
  };
}
