/**
 * The big stored fragments of rows this process has read lately (an
 * article's head and body HTML), with the version of the row they came
 * from, so that a read can send the version it holds and have the database
 * answer "unchanged" instead of sending the same bytes again.
 *
 * Used only where a read crosses a network (PostgreSQL): there the bytes of
 * a 25 KB article, encoded, sent and decoded on every request, cost more than
 * finding the row. It can never serve stale bytes: the database compares the
 * version on every read, and a row's version changes with every write to it
 * (PostgreSQL's xmin). Bounded by bytes, least recently used out first.
 */
export class KnownRows<V extends { byteLength: number }> {
  private readonly entries = new Map<string, { version: string; value: V }>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  /** What is held for a key: its version goes with the read, its value is used when the database answers "unchanged". */
  get(key: string): { version: string; value: V } | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  remember(key: string, version: string, value: V): void {
    this.forget(key);
    if (value.byteLength > this.maxBytes / 8) return;
    this.entries.set(key, { version, value });
    this.bytes += value.byteLength;
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.value.byteLength;
    }
  }

  forget(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.value.byteLength;
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}
