import { entryBytes, type CachedResponse, type ResponseCache, type ResponseCacheStats } from './response-cache.js';

interface Held {
  entry: CachedResponse;
  bytes: number;
}

/**
 * The in-process driver: a map kept in order of last use (a hit moves its
 * key to the end, so the first key is the one to drop), bounded by the bytes
 * its entries hold (CACHE_MAX_MB), with an index from each tag to the keys
 * that carry it, so a change finds its entries without a scan. Each worker
 * process holds its own; the change bus keeps them all current.
 */
export class MemoryResponseCache implements ResponseCache {
  private readonly held = new Map<string, Held>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;
  private counts = { hits: 0, misses: 0, invalidated: 0, evicted: 0 };

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
    return held.entry;
  }

  set(key: string, entry: CachedResponse): void {
    this.remove(key);
    const bytes = entryBytes(key, entry);
    // One answer as big as the whole cache would empty it for nothing.
    if (bytes > this.maxBytes / 4) return;
    this.held.set(key, { entry, bytes });
    this.bytes += bytes;
    for (const tag of entry.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const [oldest] of this.held) {
      if (this.bytes <= this.maxBytes) break;
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
    this.bytes = 0;
  }

  stats(): ResponseCacheStats {
    return { entries: this.held.size, bytes: this.bytes, maxBytes: this.maxBytes, ...this.counts };
  }

  private remove(key: string): boolean {
    const held = this.held.get(key);
    if (!held) return false;
    this.held.delete(key);
    this.bytes -= held.bytes;
    for (const tag of held.entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
    return true;
  }
}
