import sharp from 'sharp';
import { AppError } from '../lib/errors.js';

export type AcceptedFormat = 'jpeg' | 'png' | 'webp' | 'avif' | 'gif';

export const ACCEPTED_FORMATS: Record<AcceptedFormat, { mimeType: string; extension: string; sharpFormat: string }> = {
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg', sharpFormat: 'jpeg' },
  png: { mimeType: 'image/png', extension: 'png', sharpFormat: 'png' },
  webp: { mimeType: 'image/webp', extension: 'webp', sharpFormat: 'webp' },
  // sharp reads AVIF and HEIC alike as "heif"; only AV1 inside is AVIF.
  avif: { mimeType: 'image/avif', extension: 'avif', sharpFormat: 'heif' },
  gif: { mimeType: 'image/gif', extension: 'gif', sharpFormat: 'gif' },
};

/** More pixels than any camera makes: a small file that claims more is a decompression bomb. */
export const MAX_INPUT_PIXELS = 100_000_000;

export interface SniffedImage {
  format: AcceptedFormat;
  mimeType: string;
  extension: string;
  /** As stored, before any EXIF rotation. */
  width: number;
  height: number;
  metadata: sharp.Metadata;
}

export function notAnAcceptedImage(name: string, cause?: unknown): AppError {
  return new AppError('MEDIA_INVALID', `"${name}" is not a JPEG, PNG, WebP, AVIF or GIF image`, {
    issues: [{ path: '/bytes', message: 'is not a JPEG, PNG, WebP, AVIF or GIF image' }],
    ...(cause === undefined ? {} : { cause }),
  });
}

/** A decompression bomb or a panorama beyond any camera: refused for its size, which is the real reason. */
export function tooManyPixels(name: string, size?: { width: number; height: number }, cause?: unknown): AppError {
  const limit = `${MAX_INPUT_PIXELS / 1_000_000} megapixels`;
  const measured = size ? ` (${size.width}×${size.height})` : '';
  return new AppError('MEDIA_INVALID', `"${name}" has too many pixels${measured}: images up to ${limit} can be uploaded`, {
    issues: [{ path: '/bytes', message: `has too many pixels (max ${limit})` }],
    ...(cause === undefined ? {} : { cause }),
  });
}

/** Worded as sharp-ingest words a file whose pixels do not read, one step earlier. */
function damagedImage(name: string, cause: unknown): AppError {
  return new AppError('MEDIA_INVALID', `"${name}" is damaged: it is cut off or its header cannot be read`, {
    issues: [{ path: '/bytes', message: 'is a damaged image' }],
    cause,
  });
}

/**
 * The type of an upload, from its bytes alone. The file's signature is
 * checked before sharp sees it, so formats sharp can also read (SVG with its
 * scripts and external references, PDF when libvips has it) are refused
 * without being parsed; sharp then has to agree and find a size.
 */
export async function sniffImage(bytes: Buffer, name: string): Promise<SniffedImage> {
  const format = formatFromSignature(bytes);
  if (!format) throw notAnAcceptedImage(name);
  let metadata: sharp.Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata();
  } catch (error) {
    // The signature said what it is, so a file sharp cannot read is a damaged one of that type, or one too large to open.
    if (/pixel limit/i.test((error as Error)?.message ?? '')) throw tooManyPixels(name, undefined, error);
    throw damagedImage(name, error);
  }
  const accepted = ACCEPTED_FORMATS[format];
  const isRightCodec = format !== 'avif' || metadata.compression === 'av1';
  const { width, height } = metadata;
  if (metadata.format !== accepted.sharpFormat || !isRightCodec || !width || !height) throw notAnAcceptedImage(name);
  if (width * height > MAX_INPUT_PIXELS) throw tooManyPixels(name, { width, height });
  return { format, mimeType: accepted.mimeType, extension: accepted.extension, width, height, metadata };
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.subarray(start, end).toString('latin1');
}

function formatFromSignature(bytes: Buffer): AcceptedFormat | undefined {
  if (bytes.length < 12) return undefined;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp' && isAvifBrand(bytes)) return 'avif';
  return undefined;
}

/** An ISO media file is AVIF when its major brand, or one of its compatible brands, says so. */
function isAvifBrand(bytes: Buffer): boolean {
  const boxSize = Math.min(bytes.readUInt32BE(0), bytes.length, 256);
  for (let offset = 8; offset + 4 <= boxSize; offset += 4) {
    if (offset === 12) continue; // the minor version, not a brand
    const brand = ascii(bytes, offset, offset + 4);
    if (brand === 'avif' || brand === 'avis') return true;
  }
  return false;
}
