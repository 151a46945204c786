import type { AvailabilityChange } from '../content/store.js';

/**
 * Whether the database answered the last statement. An outage makes every
 * request and every background job fail, and a log line per failure would
 * bury the one that matters: listeners hear the first failure and the first
 * success after it, nothing in between.
 */
export class StoreAvailability {
  private downSince: number | undefined;
  private readonly listeners = new Set<(change: AvailabilityChange) => void>();

  get isAvailable(): boolean {
    return this.downSince === undefined;
  }

  failed(error: unknown): void {
    if (this.downSince !== undefined) return;
    this.downSince = Date.now();
    this.tell({ isAvailable: false, error });
  }

  answered(): void {
    if (this.downSince === undefined) return;
    const downForMs = Date.now() - this.downSince;
    this.downSince = undefined;
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
