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
  /**
   * Stores the original and, unless `sizes` is 'later', its variants and
   * crops. 'later' (the importer's choice: thousands of pictures in one run)
   * stores the original alone, with no variants or crops; pages show the
   * original until makeSizes has run.
   */
  ingest(input: { bytes: Buffer; name: string; createdAt: Date }, options?: { sizes?: 'now' | 'later' }): Promise<IngestedImage>;
  /** Makes the variants and crops of an original stored with sizes 'later'. */
  makeSizes(image: Pick<IngestedImage, 'path' | 'width'>): Promise<Pick<IngestedImage, 'variantWidths' | 'crops'>>;
  /** Removes the files of an image whose database row could not be written. */
  discard(image: IngestedImage): Promise<void>;
  /** What the file's own metadata (IPTC, XMP, EXIF) says; empty when it says nothing readable. Never throws. */
  readDetails(bytes: Buffer): Promise<ImageDetails>;
  /**
   * The same ingest writing under another folder laid out like the media
   * root: an import's staging folder, whose files are moved into place only
   * once its transaction has committed (import/media-staging.ts).
   */
  writingTo(mediaDir: string): ImageIngest;
}

/**
 * A photo's description as its metadata gives it, to prefill the library's
 * fields: only what the file has, each value trimmed and non-empty.
 */
export interface ImageDetails {
  /** The photographer: XMP dc:creator, IPTC By-line, EXIF Artist. */
  credit?: string;
  /** The agency: XMP/IPTC Credit, else Source. */
  agency?: string;
  /** XMP dc:description, IPTC Caption-Abstract. */
  caption?: string;
  /** The copyright notice: XMP dc:rights, IPTC CopyrightNotice, EXIF Copyright. */
  licence?: string;
  /** The headline, else the title (object name). */
  title?: string;
  /** XMP Iptc4xmpCore:AltTextAccessibility. */
  alt?: string;
}
