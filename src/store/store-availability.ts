import type { AvailabilityChange } from '../content/store.js';

/**
 * Whether the database answered the last statement. An outage makes every
 * request and every background job fail, and a log line per failure would
 * bury the one that matters: listeners hear the first failure and the first
 * success after it, nothing in between.
 */
export class StoreAvailability {
  private downSince: number | undefined;
  /** When the store last answered again after an outage (performance.now()). */
  private backSince = Number.NEGATIVE_INFINITY;
  private readonly listeners = new Set<(change: AvailabilityChange) => void>();

  get isAvailable(): boolean {
    return this.downSince === undefined;
  }

  /**
   * A statement failed. `startedAt` (performance.now() when it began) keeps a
   * statement that was already waiting during the last outage (a connection
   * attempt takes up to its timeout) from reporting that outage again after
   * the store has been seen answering.
   */
  failed(error: unknown, startedAt: number = performance.now()): void {
    if (this.downSince !== undefined || startedAt < this.backSince) return;
    this.downSince = Date.now();
    this.tell({ isAvailable: false, error });
  }

  answered(): void {
    if (this.downSince === undefined) return;
    const downForMs = Date.now() - this.downSince;
    this.downSince = undefined;
    this.backSince = performance.now();
    this.tell({ isAvailable: true, downForMs });
  }

  onChange(listener: (change: AvailabilityChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(change: AvailabilityChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
