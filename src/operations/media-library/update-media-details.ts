import { mediaDetailsUpdate } from '../../content/media-library-schemas.js';
import { can, isRole } from '../../content/roles.js';
import type { Media } from '../../content/types.js';
import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import type { Actor, EditorialContext } from '../editorial/context.js';
import { rerenderOrQueue, type RerenderOutcome } from '../queue-jobs.js';
import { normaliseDetails } from './media-details.js';

export interface MediaDetailsUpdated {
  media: Media;
  /** Posts that show the picture (in the body or as the featured picture), in any status. */
  affectedPostIds: number[];
  /** Those posts rendered again with the new details, in the same transaction as the edit; or, past RERENDER_NOW_LIMIT, the job (queued with the edit) that renders them. */
  rerendered: RerenderOutcome;
}

/**
 * Changes a picture's alt text, caption, credit, agency, licence or title.
 * Fields left out stay as they are; an empty text clears a field (alt text
 * becomes "" again, "not written yet"). Posts store their rendered HTML, so
 * every post showing the picture is rendered again with the edit: readers
 * never see the old credit on one page and the new one on another.
 *
 * The actor must have uploaded the picture, or be an editor or above: a
 * picture may be shown in other people's published stories, and its details
 * are what readers see there. A picture with no uploader (imported, demo) is
 * the editors'.
 */
export async function updateMediaDetails(context: EditorialContext, input: unknown): Promise<MediaDetailsUpdated> {
  const { id, ...fields } = mediaDetailsUpdate.parse(input);
  const change = normaliseDetails(fields);
  if (Object.keys(change).length === 0) {
    throw validationFailed([{ path: '', message: 'names no field to change (alt, caption, credit, agency, licence or title)' }]);
  }
  const updatedAt = context.clock.now().toISOString();
  return context.store.transaction(async (store) => {
    const current = await store.media.findById(id);
    if (!current) throw notFound(`Media ${id}`);
    if (!mayEditDetails(context.actor, current)) {
      throw new AppError('FORBIDDEN', `Your role (${context.actor.role}) cannot edit the details of a picture someone else uploaded`);
    }
    const media = await store.mediaLibrary.updateDetails(id, { ...change, updatedAt });
    if (!media) throw notFound(`Media ${id}`);
    const affectedPostIds = (await store.mediaLibrary.usage(id)).map((use) => use.id);
    await store.changes.record({ kind: 'media', ids: [id] });
    const rerendered = await rerenderOrQueue({ store, clock: context.clock }, affectedPostIds);
    return { media, affectedPostIds, rerendered };
  });
}

/** Whether `actor` may change a picture's details: their own upload, or anyone's with `media.edit-others`. */
export function mayEditDetails(actor: Actor, media: Pick<Media, 'uploadedBy'>): boolean {
  if (!isRole(actor.role) || !can(actor.role, 'media.upload')) return false;
  return can(actor.role, 'media.edit-others') || (media.uploadedBy != null && media.uploadedBy === actor.id);
}
