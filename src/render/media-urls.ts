import type { Media, MediaVariant } from '../content/types.js';
import { variantsOf } from '../content/media-paths.js';

export { variantsOf };

/** Media files are served under this path prefix; see site/routes for the static handler. */
export const MEDIA_PREFIX = '/media/';

export function mediaUrl(path: string): string {
  return MEDIA_PREFIX + path;
}

export function srcset(variants: MediaVariant[]): string {
  return variants.map((v) => `${mediaUrl(v.path)} ${v.width}w`).join(', ');
}

/** The largest JPEG (or the original) for places that take one URL: og:image, JSON-LD, feeds. */
export function largestImageUrl(media: Pick<Media, 'path' | 'width' | 'height' | 'variantWidths'>): string {
  const jpegs = variantsOf(media, 'jpeg');
  const largest = jpegs[jpegs.length - 1];
  return mediaUrl(largest ? largest.path : media.path);
}

/** "DFree / Shutterstock.com": photographer, then agency, whichever are known. */
export function creditLine(media: Pick<Media, 'credit' | 'agency'>): string | null {
  const parts = [media.credit, media.agency].filter((part): part is string => Boolean(part && part.trim()));
  return parts.length > 0 ? parts.join(' / ') : null;
}
