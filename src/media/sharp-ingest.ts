import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError } from '../lib/errors.js';
import { slugify } from '../lib/slug.js';
import type { ImageIngest, IngestedImage } from '../content/image-ingest.js';
import { CROP_RATIOS, type ImageFormat } from '../content/types.js';
import { cropPath, cropSize, variantPath } from '../content/media-paths.js';
import { readImageMetadata } from './image-metadata.js';
import { createLocalStorage } from '../media-storage/local-storage.js';
import type { MediaStorage } from '../media-storage/media-storage.js';
import { MAX_INPUT_PIXELS, sniffImage } from './sniff-image.js';

/** Widths for srcset: phone, tablet/article column, desktop retina, and the 1200px social/Discover size. */
export const VARIANT_WIDTHS = [480, 800, 1200, 1600];

export interface SharpIngestOptions {
  /** Where the files go: the site's media storage, whichever driver runs. */
  storage?: MediaStorage;
  /** Or a folder on this disk laid out like it (tests; an import's staging folder, see writingTo). */
  mediaDir?: string;
  widths?: number[];
}

export function createSharpIngest(options: SharpIngestOptions): ImageIngest {
  const widths = options.widths ?? VARIANT_WIDTHS;
  const storage = storageOf(options);

  async function encode(input: Buffer, format: ImageFormat, width: number): Promise<Buffer> {
    const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate().resize({ width, withoutEnlargement: true });
    if (format === 'avif') return pipeline.avif({ quality: 50, effort: 2 }).toBuffer();
    if (format === 'webp') return pipeline.webp({ quality: 75, effort: 3 }).toBuffer();
    return pipeline.jpeg({ quality: 78, mozjpeg: true, progressive: true }).toBuffer();
  }

  // Cropped around what draws the eye (sharp's attention strategy), enlarged
  // when the original is narrower: Google wants 1,200 px whatever was uploaded.
  async function crop(input: Buffer, ratio: (typeof CROP_RATIOS)[number]): Promise<Buffer> {
    const size = cropSize(ratio);
    return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ ...size, fit: 'cover', position: sharp.strategy.attention })
      .jpeg({ quality: 78, mozjpeg: true, progressive: true })
      .toBuffer();
  }

  /** The responsive variants and sharing crops of an original, encoded (not yet written). */
  async function encodeSizes(bytes: Buffer, original: string, width: number, name: string): Promise<{ files: Array<{ path: string; data: Buffer }>; variantWidths: number[] }> {
    const sizes = widths.filter((w) => w < width);
    sizes.push(Math.min(width, widths[widths.length - 1]!));
    const variantWidths = [...new Set(sizes)].sort((a, b) => a - b);
    const jobs: Array<{ format: ImageFormat; width: number }> = [];
    for (const w of variantWidths) for (const f of ['avif', 'webp', 'jpeg'] as const) jobs.push({ format: f, width: w });
    const files: Array<{ path: string; data: Buffer }> = [];
    try {
      await Promise.all([
        ...jobs.map(async (job) => {
          files.push({ path: variantPath(original, job.width, job.format), data: await encode(bytes, job.format, job.width) });
        }),
        ...CROP_RATIOS.map(async (ratio) => {
          files.push({ path: cropPath(original, ratio), data: await crop(bytes, ratio) });
        }),
      ]);
    } catch (error) {
      throw new AppError('MEDIA_INVALID', `"${name}" is damaged: its pixels cannot be read`, {
        issues: [{ path: '/bytes', message: 'is a damaged image' }],
        cause: error,
      });
    }
    return { files, variantWidths };
  }

  /**
   * The files each image's ingest created: what discard removes. A file
   * already at its path (a name carries a hash of the picture's bytes) is the
   * same picture stored before, and belongs to that picture's row.
   */
  const created = new WeakMap<IngestedImage, string[]>();
  const remember = (image: IngestedImage, written: string[]) => (created.set(image, written), image);

  /** Writes the files not already there; returns the paths it created. */
  async function writeAll(files: Array<{ path: string; data: Buffer }>): Promise<string[]> {
    const written: string[] = [];
    try {
      for (const file of files) {
        if (await storage.put({ path: file.path, data: file.data })) written.push(file.path);
      }
    } catch (error) {
      // A full disk or a bucket that stops answering must not leave half an image behind,
      // nor take away a file that was there. Storage that is down may refuse the clean-up
      // too; the write's own error is the one reported.
      await storage.remove(written).catch(() => undefined);
      throw error;
    }
    return written;
  }

  return {
    async ingest({ bytes, name, createdAt }, ingestOptions = {}) {
      const sniffed = await sniffImage(bytes, name);
      const { extension, mimeType } = sniffed;
      // EXIF orientations 5–8 are stored on their side; the picture readers see is turned.
      const isTurned = (sniffed.metadata.orientation ?? 1) >= 5;
      const width = isTurned ? sniffed.height : sniffed.width;
      const height = isTurned ? sniffed.width : sniffed.height;

      const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 10);
      const month = createdAt.toISOString().slice(0, 7).replace('-', '/');
      const base = `${month}/${slugify(name.replace(/\.[a-z0-9]+$/i, '')).slice(0, 60) || 'image'}-${hash}`;
      const original = `${base}.${extension}`;

      if (ingestOptions.sizes === 'later') {
        const written = await writeAll([{ path: original, data: bytes }]);
        return remember({ path: original, mimeType, width, height, variantWidths: [], crops: [] }, written);
      }
      // Everything is encoded before anything is written, so a file whose
      // header reads but whose pixels do not (cut off in transfer) leaves nothing behind.
      const { files, variantWidths } = await encodeSizes(bytes, original, width, name);
      const written = await writeAll([{ path: original, data: bytes }, ...files]);
      return remember({ path: original, mimeType, width, height, variantWidths, crops: [...CROP_RATIOS] }, written);
    },

    async makeSizes(image) {
      // From the storage, not this disk: with a bucket, the original may have been stored by another instance.
      const bytes = await storage.read(image.path);
      if (!bytes) throw new AppError('NOT_FOUND', `The original of ${image.path} is not in ${storage.name}`);
      const { files, variantWidths } = await encodeSizes(bytes, image.path, image.width, image.path);
      await writeAll(files);
      return { variantWidths, crops: [...CROP_RATIOS] };
    },

    readDetails: readImageMetadata,

    writingTo: (mediaDir) => createSharpIngest({ widths: options.widths, mediaDir }),

    async discard(image: IngestedImage) {
      await storage.remove(created.get(image) ?? allPathsOf(image));
    },
  };
}

/** Every file of an image this ingest did not store (none in this program: each discard follows its own ingest). */
function allPathsOf(image: IngestedImage): string[] {
  const paths = [image.path];
  for (const width of image.variantWidths) for (const format of ['avif', 'webp', 'jpeg'] as const) paths.push(variantPath(image.path, width, format));
  for (const ratio of image.crops) paths.push(cropPath(image.path, ratio));
  return paths;
}


function storageOf(options: SharpIngestOptions): MediaStorage {
  if (options.storage) return options.storage;
  if (options.mediaDir !== undefined) return createLocalStorage({ folder: options.mediaDir });
  throw new Error('createSharpIngest needs a storage or a mediaDir');
}
