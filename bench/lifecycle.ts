/**
 * What the bench must undo however it ends (servers, nginx, temp folders, the
 * PostgreSQL database), and whether a signal asked it to stop.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Run newest first, once, whether the bench ends normally, throws or is interrupted.
const cleanups: Array<() => Promise<unknown>> = [];
let cleaning: Promise<void> | null = null;

export function onCleanUp(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

export function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        process.stderr.write(`bench: cleanup step failed: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaning;
}

// Ctrl-C reaches wrk too, which then exits as if done; this flag stops the next run from starting.
let interruptedBy: NodeJS.Signals | null = null;

export class Interrupted extends Error {}

export function checkInterrupted(): void {
  if (interruptedBy) throw new Interrupted(`interrupted by ${interruptedBy}`);
}

/** After a signal, failures are just the fallout of stopping things; the handler reports and exits. */
export function isInterrupted(): boolean {
  return interruptedBy !== null;
}

export function stopOnSignals(): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      interruptedBy = signal;
      process.stderr.write(`\nbench: ${signal}, stopping the servers and nginx and removing temp files\n`);
      void cleanUp().finally(() => process.exit(code));
    });
  }
}

export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanUp(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
