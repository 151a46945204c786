import type { MediaUse } from '../../content/store-media-library.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { EditorialContext } from '../editorial/context.js';
import { ownReach } from '../editorial/own-reach.js';

/**
 * The posts that show a picture, in its body or as its featured picture; the
 * most recently changed first. Editors see them all, whatever their status;
 * contributors and authors see published posts and their own, as in the post
 * list: an unpublished story's title is for those who may open it.
 */
export async function mediaUsage(context: EditorialContext, id: number): Promise<MediaUse[]> {
  if (!Number.isSafeInteger(id) || id < 1) throw validationFailed([{ path: '/id', message: 'must be a positive whole number' }]);
  const media = await context.store.media.findById(id);
  if (!media) throw notFound(`Media ${id}`);
  return context.store.mediaLibrary.usage(id, ownReach(context.actor));
}
