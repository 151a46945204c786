import type { ImageIngest } from '../content/image-ingest.js';
import { mediaInput } from '../content/schemas.js';
import type { Media } from '../content/types.js';
import type { OperationContext } from './context.js';

/**
 * Stores an image with its credits: the files (original and responsive
 * variants) first, then the row; if the row cannot be written the files go.
 */
export async function createMedia(
  context: OperationContext & { images: ImageIngest },
  input: { bytes: Buffer; name: string; details: unknown },
): Promise<Media> {
  const details = mediaInput.parse(input.details, '');
  const createdAt = context.clock.now();
  const image = await context.images.ingest({ bytes: input.bytes, name: input.name, createdAt });
  try {
    return await context.store.transaction(async (store) => {
      const media = await store.media.insert({
        ...image,
        alt: details.alt,
        caption: details.caption ?? null,
        credit: details.credit ?? null,
        agency: details.agency ?? null,
        licence: details.licence ?? null,
        createdAt: createdAt.toISOString(),
      });
      await store.changes.record({ kind: 'media', ids: [media.id] });
      return media;
    });
  } catch (error) {
    await context.images.discard(image);
    throw error;
  }
}
