/**
 * The response cache: public answers kept as the bytes sent, so a page that
 * has not changed costs no store read and no rendering. Each entry names what
 * it shows in tags (cache-tags.ts); a change drops exactly the entries whose
 * tags it names (follow-changes.ts), in this process when the change commits
 * and in every other through the change bus. serve-cached.ts puts it in front
 * of the site's routes. One driver today, memory-cache.ts, in each process;
 * the interface is what a shared one (a Redis, say) would implement.
 */
export interface CachedResponse {
  /** Headers of the answer beyond those the cache writes itself (content-length, -encoding, ETag, Last-Modified, Vary). */
  headers: Record<string, string>;
  /** The bytes as rendered; dropped once the compressed forms exist, and made again from gzip for the rare client that takes neither. */
  identity: Buffer | undefined;
  gzip: Buffer | undefined;
  br: Buffer | undefined;
  /** Strong: a hash of the identity bytes, quoted. */
  etag: string;
  /** When it was rendered, as an HTTP date; a change after it makes a new entry. */
  lastModified: string;
  /** What the answer shows: a change to any of these drops it. */
  tags: readonly string[];
  /** The site context it was rendered with (SiteState.version): an answer rendered with older settings is not served. */
  siteVersion: number;
}

export interface ResponseCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
  /** Entries dropped by a change. */
  invalidated: number;
  /** Entries dropped to stay within maxBytes, oldest use first. */
  evicted: number;
  /** Entries that gave up their brotli and identity forms (keeping gzip) to stay within maxBytes. */
  slimmed: number;
}

export interface ResponseCache {
  /** The entry for this key, counted as a hit or a miss, or undefined. */
  get(key: string): CachedResponse | undefined;
  /** Keeps an entry (replacing the key's), dropping the least recently used ones beyond the bound; too big an entry is not kept. */
  set(key: string, entry: CachedResponse): void;
  /** Replaces the key's entry with this one if it is still `previous` (its compressed forms came): false when a change dropped it meanwhile. */
  replace(key: string, previous: CachedResponse, next: CachedResponse): boolean;
  /** Drops every entry carrying any of these tags; returns how many. */
  invalidate(tags: readonly string[]): number;
  /** Drops everything (settings changed, or changes may have been missed). */
  clear(): void;
  stats(): ResponseCacheStats;
}

/** What an entry costs in memory: its bytes, its key and headers, and the bookkeeping of its tags. */
export function entryBytes(key: string, entry: CachedResponse): number {
  let bytes = 200 + key.length * 2 + (entry.identity?.length ?? 0) + (entry.gzip?.length ?? 0) + (entry.br?.length ?? 0);
  for (const [name, value] of Object.entries(entry.headers)) bytes += (name.length + value.length) * 2;
  for (const tag of entry.tags) bytes += 48 + tag.length * 2;
  return bytes;
}
