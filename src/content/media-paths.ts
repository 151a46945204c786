import type { ImageFormat, Media, MediaVariant } from './types.js';

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
