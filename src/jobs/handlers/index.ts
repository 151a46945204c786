import type { CdnPurger } from '../../cdn-purge/cdn-purger.js';
import type { ImageIngest } from '../../content/image-ingest.js';
import type { OperationContext } from '../../operations/context.js';
import { JOB_KINDS } from '../../operations/queue-jobs.js';
import type { JobHandlers } from '../job-queue.js';
import { cdnPurgeHandler } from './cdn-purge.js';
import { pictureSizesHandler } from './picture-sizes.js';
import { rerenderAllHandler } from './rerender-all.js';
import { rerenderPostsHandler } from './rerender-posts.js';

/**
 * Every kind of job the program queues, with its handler: what a serving
 * process runs. `cdnPurger` is the one CDN_PURGE names (open-cdn-purger.ts),
 * when there is one.
 */
export function jobHandlers(context: OperationContext & { images: ImageIngest; cdnPurger?: CdnPurger }): JobHandlers {
  return {
    [JOB_KINDS.rerenderAll]: rerenderAllHandler(context),
    [JOB_KINDS.rerenderPosts]: rerenderPostsHandler(context),
    [JOB_KINDS.pictureSizes]: pictureSizesHandler(context),
    [JOB_KINDS.cdnPurge]: cdnPurgeHandler({ purger: context.cdnPurger }),
  };
}
