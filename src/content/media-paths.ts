import type { CropRatio, ImageFormat, Media, MediaVariant } from './types.js';

const EXTENSIONS: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/**
 * Where a rendition of an image lives: beside the original, with its width in
 * the name ("2026/11/kanye-3f2a9c-800.avif"). The one rule the ingest (which
 * writes the files) and the renderers (which link to them) share.
 */
export function variantPath(original: string, width: number, format: ImageFormat): string {
  return `${original.replace(/\.[a-z0-9]+$/i, '')}-${width}.${EXTENSIONS[format]}`;
}

/** An image's renditions in one format, narrowest first. */
export function variantsOf(media: Pick<Media, 'path' | 'width' | 'height' | 'variantWidths'>, format: ImageFormat): MediaVariant[] {
  return media.variantWidths.map((width) => ({
    format,
    width,
    height: Math.round((media.height * width) / media.width),
    path: variantPath(media.path, width, format),
  }));
}

/** Sharing crops are made this wide: the width Google and the social networks ask for. */
export const CROP_WIDTH = 1200;

export interface MediaCrop {
  ratio: CropRatio;
  width: number;
  height: number;
  path: string;
}

export function cropPath(original: string, ratio: CropRatio): string {
  const { width, height } = cropSize(ratio);
  return `${original.replace(/\.[a-z0-9]+$/i, '')}-${width}x${height}.jpg`;
}

export function cropSize(ratio: CropRatio): { width: number; height: number } {
  const [w, h] = ratio.split('x').map(Number) as [number, number];
  return { width: CROP_WIDTH, height: Math.round((CROP_WIDTH * h) / w) };
}

/** An image's sharing crops, in the order they were made. */
export function cropsOf(media: Pick<Media, 'path' | 'crops'>): MediaCrop[] {
  return (media.crops ?? []).map((ratio) => ({ ratio, ...cropSize(ratio), path: cropPath(media.path, ratio) }));
}
