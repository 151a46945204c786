import type { CropRatio } from './types.js';

/** An image as stored: the original file and its responsive variants, all under the media root. */
export interface IngestedImage {
  path: string;
  mimeType: string;
  width: number;
  height: number;
  /** Widths rendered, ascending, each in AVIF, WebP and JPEG at variantPath(). */
  variantWidths: number[];
  /** Sharing crops made, each a JPEG at cropPath(). */
  crops: CropRatio[];
}

/**
 * Turns uploaded bytes into stored files. The implementation (media/) reads the
 * real type from the bytes and refuses anything that is not a raster image.
 */
export interface ImageIngest {
  ingest(input: { bytes: Buffer; name: string; createdAt: Date }): Promise<IngestedImage>;
  /** Removes the files of an image whose database row could not be written. */
  discard(image: IngestedImage): Promise<void>;
}
