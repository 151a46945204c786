import type { ImageDetails, ImageIngest } from '../../content/image-ingest.js';
import { mediaDetailsInput } from '../../content/media-library-schemas.js';
import type { Media } from '../../content/types.js';
import { AppError, validationFailed } from '../../lib/errors.js';
import type { OperationContext } from '../context.js';
import { fitToFields, normaliseDetails } from './media-details.js';

const MEGABYTE = 1024 * 1024;

/** Larger than any newsroom photo needs to be; a camera's full-size JPEG is 10–15 MB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 20 * MEGABYTE;

export interface UploadContext extends OperationContext {
  images: ImageIngest;
  /** The largest upload accepted, in bytes; DEFAULT_MAX_UPLOAD_BYTES when absent. */
  maxUploadBytes?: number;
}

export interface UploadInput {
  bytes: Buffer;
  /** The file's name as the browser sent it; kept for the library, never trusted for the type. */
  name: string;
  /** The signed-in user; null only for uploads no user made (an importer). */
  uploadedBy: number | null;
  /**
   * Alt text, caption, credits… as the uploader typed them (unknown until
   * checked). A value given wins over the file's metadata; a blank one (a form
   * field left empty) does not, and null says "none" even when the file has one.
   */
  details?: unknown;
}

export interface UploadResult {
  media: Media;
  /** The fields whose stored value was read from the file's metadata, so the newsroom can be shown "credit read from the file". */
  prefilled: ImageDetails;
}

/**
 * Adds a picture to the library. Its type is read from its bytes; the
 * responsive variants and sharing crops are made now, once; credits, caption
 * and copyright come from the file's IPTC/XMP metadata unless given. A refused
 * upload stores nothing: no row and no file.
 */
export async function uploadMedia(context: UploadContext, input: UploadInput): Promise<UploadResult> {
  const name = cleanFileName(input.name);
  const limit = context.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  if (input.bytes.length > limit) {
    throw new AppError('MEDIA_INVALID', `"${name}" is ${sizeText(input.bytes.length, 'up')}; files up to ${sizeText(limit, 'down')} can be uploaded`, {
      issues: [{ path: '/bytes', message: `is larger than the ${sizeText(limit, 'down')} limit` }],
    });
  }
  const parsed = input.details === undefined ? {} : mediaDetailsInput.parse(input.details, '/details');
  const given = normaliseDetails(Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value !== 'string' || value.trim() !== '')));
  if (input.uploadedBy !== null) {
    const [user] = await context.store.users.findByIds([input.uploadedBy]);
    if (!user) throw validationFailed([{ path: '/uploadedBy', message: `no user has id ${input.uploadedBy}` }]);
  }

  const createdAt = context.clock.now();
  const image = await context.images.ingest({ bytes: input.bytes, name, createdAt });
  try {
    const fromFile = fitToFields(await context.images.readDetails(input.bytes));
    const prefilled: ImageDetails = {};
    for (const [field, value] of Object.entries(fromFile) as Array<[keyof ImageDetails, string]>) {
      if (given[field] === undefined) prefilled[field] = value;
    }
    const details = { ...prefilled, ...given };
    const media = await context.store.transaction(async (store) => {
      const stored = await store.media.insert({
        ...image,
        alt: details.alt ?? '',
        caption: details.caption ?? null,
        credit: details.credit ?? null,
        agency: details.agency ?? null,
        licence: details.licence ?? null,
        title: details.title ?? null,
        originalName: name,
        byteSize: input.bytes.length,
        uploadedBy: input.uploadedBy,
        createdAt: createdAt.toISOString(),
        updatedAt: createdAt.toISOString(),
      });
      await store.changes.record({ kind: 'media', ids: [stored.id] });
      return stored;
    });
    return { media, prefilled };
  } catch (error) {
    await context.images.discard(image);
    throw error;
  }
}

/** The last part of what browsers send (old ones send a whole path), without control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned === '' ? 'image' : cleaned;
}

/** "20 MB"; a file's size is rounded up and a limit down, so a file just over never reads as equal to it. */
function sizeText(bytes: number, rounding: 'up' | 'down'): string {
  const round = rounding === 'up' ? Math.ceil : Math.floor;
  const tenths = (unit: number) => (round((bytes / unit) * 10) / 10).toString();
  if (bytes >= MEGABYTE) return `${tenths(MEGABYTE)} MB`;
  if (bytes >= 1024) return `${tenths(1024)} KB`;
  return `${bytes} bytes`;
}
