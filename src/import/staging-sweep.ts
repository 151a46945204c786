import { readFile, readdir, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../content/store.js';
import { createLocalStorage } from '../media-storage/local-storage.js';
import type { MediaStorage } from '../media-storage/media-storage.js';
import { HEARTBEAT_MS, moveIntoPlace, RUN_COMMITTED, RUN_LOCK, RUN_PENDING, stagingRoot, type StagedPicture } from './media-staging.js';

/**
 * The start-up sweep of import staging folders (media-staging.ts) that a
 * killed run left behind: `masthead serve` and `masthead import` run it.
 *
 * A folder is another process's live run, and left alone, while its lock
 * file names a process that is running on this machine, or, for a run on
 * another machine sharing the media folder, while its heartbeat (the lock's
 * modification time, touched every 30 s) is recent. The process check makes
 * a killed run's folder go at the very next start, where an age threshold
 * alone would keep it for as long as the threshold; the heartbeat covers what
 * a process id cannot (another machine, a process id reused after a reboot).
 *
 * A dead run that had committed (its marker written, or its pictures found
 * in the store: killed between the commit and the marker) is finished: its
 * files are put into the media storage. Any other is removed with its files.
 * The staging folder is on this machine's disk (DATA_DIR/media/.staging)
 * whichever storage runs, so each machine sweeps its own.
 */

/** No heartbeat for this long: the run is dead, whatever its lock says. Ten heartbeats. */
export const STALE_AFTER_MS = 10 * HEARTBEAT_MS;

export interface SweepReport {
  /** Run folders of dead runs that never committed, removed. */
  removed: string[];
  /** Run folders of dead runs that had committed, their files moved into place. */
  finished: string[];
  /** Run folders of live runs, left alone. */
  live: string[];
}

export async function sweepStaging(input: { mediaDir: string; storage?: MediaStorage; store?: Pick<Store, 'media'>; now?: number }): Promise<SweepReport> {
  const root = stagingRoot(input.mediaDir);
  const now = input.now ?? Date.now();
  const report: SweepReport = { removed: [], finished: [], live: [] };
  let entries: string[];
  try {
    entries = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return report;
    throw error;
  }
  for (const name of entries) {
    const runDir = join(root, name);
    if (await isLive(runDir, now)) {
      report.live.push(name);
    } else if (await hasCommitted(runDir, input.store)) {
      await moveIntoPlace({ runDir, storage: input.storage ?? createLocalStorage({ folder: input.mediaDir }) });
      await rm(runDir, { recursive: true, force: true });
      report.finished.push(name);
    } else {
      await rm(runDir, { recursive: true, force: true });
      report.removed.push(name);
    }
  }
  return report;
}

async function isLive(runDir: string, now: number): Promise<boolean> {
  const lockFile = join(runDir, RUN_LOCK);
  let owner: { pid?: unknown; host?: unknown };
  let beat: number;
  try {
    beat = (await stat(lockFile)).mtimeMs;
    owner = JSON.parse(await readFile(lockFile, 'utf8')) as typeof owner;
  } catch {
    // No readable lock: a run between making its folder and writing the lock, or a damaged one; the folder's age decides.
    return now - (await stat(runDir)).mtimeMs < STALE_AFTER_MS;
  }
  if (now - beat >= STALE_AFTER_MS) return false;
  if (owner.host !== hostname() || typeof owner.pid !== 'number') return true;
  return isRunning(owner.pid);
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function hasCommitted(runDir: string, store: Pick<Store, 'media'> | undefined): Promise<boolean> {
  if (await exists(join(runDir, RUN_COMMITTED))) return true;
  if (!store) return false;
  let pictures: StagedPicture[];
  try {
    pictures = JSON.parse(await readFile(join(runDir, RUN_PENDING), 'utf8')) as StagedPicture[];
  } catch {
    return false;
  }
  if (!Array.isArray(pictures) || pictures.length === 0) return false;
  // A rolled-back run's ids can be given again (SQLite reuses the highest rowid), so each row must also have the path.
  const paths = new Map<number, string>();
  for (let at = 0; at < pictures.length; at += 500) {
    for (const media of await store.media.findByIds(pictures.slice(at, at + 500).map((picture) => picture.id))) paths.set(media.id, media.path);
  }
  return pictures.every((picture) => paths.get(picture.id) === picture.path);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The sweep as a start runs it: one line for the log when it did something or could not run, never a throw, so it never stops a site starting. */
export async function sweepOnStart(input: { mediaDir: string; storage?: MediaStorage; store?: Pick<Store, 'media'> }): Promise<string | undefined> {
  try {
    const report = await sweepStaging(input);
    const parts = [
      report.removed.length > 0 ? `removed the files of ${report.removed.length} import(s) stopped before they were stored` : '',
      report.finished.length > 0 ? `moved into place the files of ${report.finished.length} stored import(s)` : '',
    ].filter(Boolean);
    return parts.length === 0 ? undefined : `${stagingRoot(input.mediaDir)}: ${parts.join('; ')}`;
  } catch (error) {
    return `${stagingRoot(input.mediaDir)}: could not clear what stopped imports left (${(error as Error).message}); the next start tries again`;
  }
}
