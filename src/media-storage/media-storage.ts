import type { Readable } from 'node:stream';

/**
 * Where media files live: a local folder, or an S3-compatible bucket shared by
 * every instance of the site. Paths are the library's own (`2026/03/name-hash.jpg`,
 * `files/wp-12/report.pdf`): relative, forward slashes, never starting with a
 * dot segment. The driver is chosen once, from config (open-media-storage.ts);
 * nothing outside this folder knows which one runs.
 *
 * A driver that cannot reach its storage (network, access denied, a missing
 * bucket) throws AppError MEDIA_STORAGE_UNAVAILABLE; "not there" is never an error.
 */
export interface MediaStorage {
  /** What it is, for messages: `the folder /srv/data/media`, `the bucket "news-media" at https://…`. */
  readonly name: string;
  /**
   * Stores `data` (bytes, or the contents of a local file) at `path` unless
   * something is there already; true when it created the object. Never
   * replaces (a file's name carries a hash of its bytes: what is there is the
   * same file) unless `mayReplace` is set, and is never seen half-written.
   */
  put(input: { path: string; data: Buffer | { file: string }; mayReplace?: boolean }): Promise<boolean>;
  /** The whole object, or undefined when there is none. */
  read(path: string): Promise<Buffer | undefined>;
  /** The object as a stream to serve, with what is cheap to know about it; undefined when there is none. */
  open(path: string): Promise<StoredObject | undefined>;
  /** The object's size, or undefined when there is none. */
  stat(path: string): Promise<{ size: number } | undefined>;
  /** Removes the objects; a path with nothing there is no error. */
  remove(paths: readonly string[]): Promise<void>;
  /** Every object, in no promised order; dot folders (an import's staging) are left out. */
  list(): AsyncIterable<{ path: string; size: number }>;
  /**
   * The folder the objects are files in, for a driver that keeps them on this
   * machine's disk: the server hands it to its static file handler. Undefined
   * for remote storage, whose objects the server streams.
   */
  readonly localFolder: string | undefined;
  /** Lets go of open connections; the storage is not used after. */
  close(): Promise<void>;
}

export interface StoredObject {
  body: Readable;
  size: number;
  /** A strong validator, quoted as HTTP sends it, when the storage has one. */
  etag?: string;
  lastModified?: Date;
}

/** Media paths as the library makes them: relative, no empty, `.` or `..` segment, no dot file. */
export function isMediaPath(path: string): boolean {
  if (path === '' || path.length > 1024 || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && !segment.startsWith('.'));
}
