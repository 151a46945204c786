import type { MediaUse } from '../../content/store-media-library.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';

/** The posts that show a picture, in its body or as its featured picture, whatever their status; the most recently changed first. */
export async function mediaUsage(context: OperationContext, id: number): Promise<MediaUse[]> {
  if (!Number.isSafeInteger(id) || id < 1) throw validationFailed([{ path: '/id', message: 'must be a positive whole number' }]);
  const media = await context.store.media.findById(id);
  if (!media) throw notFound(`Media ${id}`);
  return context.store.mediaLibrary.usage(id);
}
