import { entryBytes, type CachedResponse, type ResponseCache, type ResponseCacheStats } from './response-cache.js';

interface Held {
  entry: CachedResponse;
  bytes: number;
}

/** Whether an entry holds more than its gzip form, which every client takes: brotli, or the identity bytes. */
function hasExtras(entry: CachedResponse): boolean {
  return entry.gzip !== undefined && (entry.br !== undefined || entry.identity !== undefined);
}

/**
 * The in-process driver: a map kept in order of last use (a hit moves its
 * key to the end, so the first key is the one to drop), bounded by the bytes
 * its entries hold (CACHE_MAX_MB), with an index from each tag to the keys
 * that carry it, so a change finds its entries without a scan. Each worker
 * process holds its own; the change bus keeps them all current.
 *
 * Over its bound it first gives up forms rather than answers: the brotli
 * and identity bytes of the answers used least recently, keeping their
 * gzip, which every browser, crawler and CDN takes. An article page's gzip
 * and brotli forms are about 10.7 KB together and its gzip alone about
 * 5.6 KB, so 64 MB holds about 6,000 articles in every form, or 10,000 and
 * more with the hottest in every form and the rest in gzip. Only when no
 * answer has a form to spare is an answer dropped.
 */
export class MemoryResponseCache implements ResponseCache {
  private readonly held = new Map<string, Held>();
  private readonly keysByTag = new Map<string, Set<string>>();
  /** The keys of entries holding more than gzip, in order of last use: the first gives its extra forms up first. */
  private readonly withExtras = new Set<string>();
  private bytes = 0;
  private counts = { hits: 0, misses: 0, invalidated: 0, evicted: 0, slimmed: 0 };

  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedResponse | undefined {
    const held = this.held.get(key);
    if (!held) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    this.held.delete(key);
    this.held.set(key, held);
    if (this.withExtras.delete(key)) this.withExtras.add(key);
    return held.entry;
  }

  set(key: string, entry: CachedResponse): void {
    this.remove(key);
    const bytes = entryBytes(key, entry);
    // One answer as big as the whole cache would empty it for nothing.
    if (bytes > this.maxBytes / 4) return;
    this.held.set(key, { entry, bytes });
    this.bytes += bytes;
    if (hasExtras(entry)) this.withExtras.add(key);
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    this.makeRoom();
  }

  /** Gives up extra forms, then answers, least recently used first, until the bytes are within the bound. */
  private makeRoom(): void {
    for (const key of this.withExtras) {
      if (this.bytes <= this.maxBytes) return;
      this.withExtras.delete(key);
      const held = this.held.get(key)!;
      const bytes = entryBytes(key, (held.entry = { ...held.entry, br: undefined, identity: undefined }));
      this.bytes += bytes - held.bytes;
      held.bytes = bytes;
      this.counts.slimmed++;
    }
    for (const [oldest] of this.held) {
      if (this.bytes <= this.maxBytes) return;
      this.remove(oldest);
      this.counts.evicted++;
    }
  }

  replace(key: string, previous: CachedResponse, next: CachedResponse): boolean {
    const held = this.held.get(key);
    if (held?.entry !== previous) return false;
    const bytes = entryBytes(key, next);
    this.bytes += bytes - held.bytes;
    held.entry = next;
    held.bytes = bytes;
    if (hasExtras(next)) this.withExtras.add(key);
    else this.withExtras.delete(key);
    this.makeRoom();
    return true;
  }

  invalidate(tags: readonly string[]): number {
    let count = 0;
    for (const tag of tags) {
      const keys = this.keysByTag.get(tag);
      if (!keys) continue;
      for (const key of [...keys]) if (this.remove(key)) count++;
    }
    this.counts.invalidated += count;
    return count;
  }

  clear(): void {
    this.counts.invalidated += this.held.size;
    this.held.clear();
    this.keysByTag.clear();
    this.withExtras.clear();
    this.bytes = 0;
  }

  stats(): ResponseCacheStats {
    return { entries: this.held.size, bytes: this.bytes, maxBytes: this.maxBytes, ...this.counts };
  }

  private remove(key: string): boolean {
    const held = this.held.get(key);
    if (!held) return false;
    this.held.delete(key);
    this.withExtras.delete(key);
    this.bytes -= held.bytes;
    for (const tag of held.entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
    return true;
  }
}
