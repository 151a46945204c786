import type { RecordedChange } from '../content/store-changes.js';

/**
 * The changes this process commits, told to its own listeners the moment
 * the transaction that recorded them commits: the response cache drops what
 * they make stale before the newsroom's request is answered, where the
 * change bus would bring them a few milliseconds (PostgreSQL) or up to a
 * poll (SQLite) later. A listener that throws does not keep the change from
 * the others, nor fail the write that already committed: it is reported as a
 * process warning (listeners should catch and log their own).
 */
export class CommittedChanges {
  private readonly listeners = new Set<(change: RecordedChange) => void>();
  private readonly onError = (error: unknown) => process.emitWarning(error instanceof Error ? error : new Error(String(error)));

  subscribe(listener: (change: RecordedChange) => void): () => void {
    const entry = (change: RecordedChange) => listener(change);
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  announce(changes: readonly RecordedChange[]): void {
    for (const change of changes) {
      for (const listener of [...this.listeners]) {
        try {
          listener(change);
        } catch (error) {
          this.onError(error);
        }
      }
    }
  }
}
