import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createLocalStorage } from '../media-storage/local-storage.js';
import type { MediaStorage } from '../media-storage/media-storage.js';

/**
 * Where an import's files wait until its transaction has committed.
 *
 * Every file a run makes (picture originals, kept documents) is written under
 * DATA_DIR/media/.staging/<run id>/, laid out as under the media folder, so
 * the stored paths and /media/ URLs are those of the final place. Staging is
 * on this machine's disk whichever media storage runs; committing puts each
 * file into the storage (a link on the same disk for the local folder, an
 * upload for a bucket). A failed run removes its
 * folder; a committed one moves its files into place, then removes it; a
 * killed one leaves the folder for the next start's sweep (staging-sweep.ts).
 * Nothing lands in the media folder proper before the store holds its row,
 * and a run that fails never removes a file that was there before it (the
 * same picture, stored again, has the same path).
 *
 * The folder's dot name keeps /media/ from serving it (app.ts serves the
 * media folder with dot files ignored).
 */

export const STAGING_FOLDER = '.staging';
/** The run's owner ({ pid, host, startedAt }); its modification time is the heartbeat. */
export const RUN_LOCK = '.run.json';
/** Written just before the commit: the run's new pictures, which the sweep checks against the store. */
export const RUN_PENDING = '.pending.json';
/** Written once the commit has returned: whatever is left in the folder belongs in the media folder. */
export const RUN_COMMITTED = '.committed';
/** How often a live run touches its lock file, so a run on another machine sharing the folder is seen alive. */
export const HEARTBEAT_MS = 30_000;

export interface StagedPicture {
  id: number;
  path: string;
}

export interface StagingRun {
  id: string;
  /** The folder to write into, laid out like the media folder. */
  dir: string;
  /** Inside the transaction, as its last step: which pictures it stored, so a kill right after the commit loses none. */
  beforeCommit(pictures: StagedPicture[]): Promise<void>;
  /** After the commit: moves every file into place and removes the folder. */
  commit(): Promise<{ moved: number }>;
  /** After a failure: removes the folder and everything in it. */
  discard(): Promise<void>;
}

export function stagingRoot(mediaDir: string): string {
  return join(mediaDir, STAGING_FOLDER);
}

export async function openStagingRun(input: {
  /** DATA_DIR/media: staging goes under its .staging/ folder. */
  mediaDir: string;
  /** Where committed files go; the local folder `mediaDir` when not given. */
  storage?: MediaStorage;
  heartbeatMs?: number;
}): Promise<StagingRun> {
  const storage = input.storage ?? createLocalStorage({ folder: input.mediaDir });
  const id = `${new Date().toISOString().replace(/[-:.]/g, '')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(stagingRoot(input.mediaDir), id);
  await mkdir(dir, { recursive: true });
  const lock = join(dir, RUN_LOCK);
  await writeFile(lock, `${JSON.stringify({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() })}\n`);
  const heartbeat = setInterval(() => {
    const now = new Date();
    utimes(lock, now, now).catch(() => undefined);
  }, input.heartbeatMs ?? HEARTBEAT_MS);
  heartbeat.unref();
  const stop = () => clearInterval(heartbeat);
  return {
    id,
    dir,
    async beforeCommit(pictures) {
      await writeFile(join(dir, RUN_PENDING), `${JSON.stringify(pictures)}\n`);
    },
    async commit() {
      await writeFile(join(dir, RUN_COMMITTED), '');
      try {
        const moved = await moveIntoPlace({ runDir: dir, storage });
        await rm(dir, { recursive: true, force: true });
        return { moved };
      } finally {
        stop();
      }
    },
    async discard() {
      stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Puts a committed run's files into the media storage at the same paths,
 * removing each staged copy once stored, so a sweep that finishes an
 * interrupted commit does not store it twice. A file already there is
 * replaced: a picture's path carries a hash of its bytes, so it is the same
 * picture; a kept document is the export's newer copy.
 */
export async function moveIntoPlace(input: { runDir: string; storage: MediaStorage }): Promise<number> {
  let moved = 0;
  const walk = async (relative: string): Promise<void> => {
    for (const entry of await readdir(join(input.runDir, relative), { withFileTypes: true })) {
      // The run's own bookkeeping sits at its top, under dot names no stored path has.
      if (relative === '' && entry.name.startsWith('.')) continue;
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) {
        await walk(path);
        continue;
      }
      const file = join(input.runDir, ...path.split('/'));
      await input.storage.put({ path, data: { file }, mayReplace: true });
      await unlink(file);
      moved += 1;
    }
  };
  await walk('');
  return moved;
}
