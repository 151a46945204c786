import { mediaDetailsUpdate } from '../../content/media-library-schemas.js';
import type { Media } from '../../content/types.js';
import { notFound, validationFailed } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';
import { rerenderPosts, type RerenderReport } from '../editorial/rerender.js';
import { normaliseDetails } from './media-details.js';

export interface MediaDetailsUpdated {
  media: Media;
  /** Posts that show the picture (in the body or as the featured picture), in any status. */
  affectedPostIds: number[];
  /** Those posts rendered again with the new details, in the same transaction as the edit. */
  rerendered: RerenderReport;
}

/**
 * Changes a picture's alt text, caption, credit, agency, licence or title.
 * Fields left out stay as they are; an empty text clears a field (alt text
 * becomes "" again, "not written yet"). Posts store their rendered HTML, so
 * every post showing the picture is rendered again with the edit: readers
 * never see the old credit on one page and the new one on another.
 */
export async function updateMediaDetails(context: OperationContext, input: unknown): Promise<MediaDetailsUpdated> {
  const { id, ...fields } = mediaDetailsUpdate.parse(input);
  const change = normaliseDetails(fields);
  if (Object.keys(change).length === 0) {
    throw validationFailed([{ path: '', message: 'names no field to change (alt, caption, credit, agency, licence or title)' }]);
  }
  const updatedAt = context.clock.now().toISOString();
  return context.store.transaction(async (store) => {
    const media = await store.mediaLibrary.updateDetails(id, { ...change, updatedAt });
    if (!media) throw notFound(`Media ${id}`);
    const affectedPostIds = (await store.mediaLibrary.usage(id)).map((use) => use.id);
    const rerendered = await rerenderPosts(store, affectedPostIds);
    return { media, affectedPostIds, rerendered };
  });
}
