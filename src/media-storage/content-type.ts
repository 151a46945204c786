import { extname } from 'node:path';

/**
 * The Content-Type an object is stored with, so a CDN or the bucket's own
 * address serves it as what it is. Pictures are the types the library makes;
 * the rest are the kinds of file a WordPress import keeps. Anything else is
 * stored as a download of no particular type, never as something a browser runs.
 */
/** The picture types the media library stores (media/sniff-image.ts) and makes (its renditions), by file extension. */
export const PICTURE_TYPES: ReadonlyMap<string, string> = new Map([
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.png', 'image/png'],
  ['.webp', 'image/webp'],
  ['.avif', 'image/avif'],
  ['.gif', 'image/gif'],
]);

const TYPES: ReadonlyMap<string, string> = new Map([
  ...PICTURE_TYPES,
  ['.pdf', 'application/pdf'],
  ['.mp3', 'audio/mpeg'],
  ['.m4a', 'audio/mp4'],
  ['.ogg', 'audio/ogg'],
  ['.oga', 'audio/ogg'],
  ['.wav', 'audio/wav'],
  ['.flac', 'audio/flac'],
  ['.mp4', 'video/mp4'],
  ['.m4v', 'video/mp4'],
  ['.mov', 'video/quicktime'],
  ['.webm', 'video/webm'],
  ['.ogv', 'video/ogg'],
  ['.zip', 'application/zip'],
  ['.csv', 'text/csv'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.epub', 'application/epub+zip'],
]);

export function contentTypeOf(path: string): string {
  return TYPES.get(extname(path).toLowerCase()) ?? 'application/octet-stream';
}

/** A file at a media path never changes: its name carries a hash of its bytes (a kept document replaced by a later import is the one exception, and rare). */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
