import { formatTime } from './dom.js';
import { announce } from './feedback.js';

export const AUTOSAVE_EVERY_MS = 15_000;

/**
 * Sends the writer's unsaved changes every 15 seconds while there are any,
 * and once more when they leave. Autosaves are kept by the server for this
 * writer only and change nothing readers see; a real save supersedes them.
 */
export class Autosaver {
  private hasChanges = false;
  private isSending = false;
  private readonly timer: number;

  constructor(private readonly send: (options: { isLeaving: boolean }) => Promise<'sent' | 'unchanged'>) {
    this.timer = window.setInterval(() => void this.tick(), AUTOSAVE_EVERY_MS);
  }

  changed(): void {
    this.hasChanges = true;
  }

  /** A real save has just stored everything. */
  saved(): void {
    this.hasChanges = false;
  }

  get isPending(): boolean {
    return this.hasChanges;
  }

  private async tick(): Promise<void> {
    if (!this.hasChanges || this.isSending) return;
    this.isSending = true;
    this.hasChanges = false;
    try {
      if ((await this.send({ isLeaving: false })) === 'sent') announce(`Autosaved at ${formatTime(new Date())}`);
    } catch {
      // Kept for the next tick; a real save reports its own errors.
      this.hasChanges = true;
    } finally {
      this.isSending = false;
    }
  }

  /** Sends what is pending now, in a request that outlives the page (the writer is leaving it, or the tab is closing). */
  async flush(): Promise<void> {
    if (!this.hasChanges) return;
    this.hasChanges = false;
    await this.send({ isLeaving: true }).catch(() => {
      this.hasChanges = true;
    });
  }

  stop(): void {
    window.clearInterval(this.timer);
  }
}
