import type { Media, MediaVariant } from '../content/types.js';
import { variantsOf } from '../content/media-paths.js';

export { variantsOf };

/** This server serves media files under this path prefix, whichever storage holds them (media-storage/serve-media.ts). */
export const MEDIA_PREFIX = '/media/';

/**
 * What a media path is put after to make its URL: MEDIA_PUBLIC_URL's address
 * (a CDN, the bucket's own) when it is set, else this site's /media/. Stored
 * fragments are rendered with a marker instead (render-site.ts MEDIA_MARK),
 * filled in when they are sent, so changing MEDIA_PUBLIC_URL needs no re-render.
 */
export function mediaBaseOf(mediaPublicUrl: string | undefined): string {
  return mediaPublicUrl ? `${mediaPublicUrl}/` : MEDIA_PREFIX;
}

/** `base` is the site's media base (RenderSite.mediaBase); this server's /media/ when not given. */
export function mediaUrl(path: string, base: string = MEDIA_PREFIX): string {
  return base + path;
}

export function srcset(variants: MediaVariant[], base: string = MEDIA_PREFIX): string {
  return variants.map((v) => `${mediaUrl(v.path, base)} ${v.width}w`).join(', ');
}

/** The largest JPEG (or the original) for places that take one URL: og:image, JSON-LD, feeds. */
export function largestImageUrl(media: Pick<Media, 'path' | 'width' | 'height' | 'variantWidths'>, base: string = MEDIA_PREFIX): string {
  const jpegs = variantsOf(media, 'jpeg');
  const largest = jpegs[jpegs.length - 1];
  return mediaUrl(largest ? largest.path : media.path, base);
}

/** "DFree / Shutterstock.com": photographer, then agency, whichever are known. */
export function creditLine(media: Pick<Media, 'credit' | 'agency'>): string | null {
  const parts = [media.credit, media.agency].filter((part): part is string => Boolean(part && part.trim()));
  return parts.length > 0 ? parts.join(' / ') : null;
}
