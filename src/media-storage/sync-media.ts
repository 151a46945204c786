import type { MediaStorage } from './media-storage.js';

export interface SyncReport {
  /** Objects written to the target. */
  copied: number;
  /** Objects the target already held with the same size: a run stopped midway resumes past them. */
  alreadyThere: number;
  /** Files that could not be copied, with why; the rest were still tried. */
  failed: Array<{ path: string; reason: string }>;
}

/** How many copies run at once: enough to hide a bucket's latency, few enough for a small machine. */
const PARALLEL = 4;

/**
 * Copies every file of one media storage into another (in practice the local
 * folder into a bucket, `masthead media sync --to s3`). Resumable: what the
 * target holds with the same size is left alone, and a file of another size
 * (a copy cut off before the service stored it, which S3 never keeps, or a
 * different file) is written again. One bad file is reported and the rest
 * go on; the target's listing failing (a missing bucket, no access) stops
 * the run at once with MEDIA_STORAGE_UNAVAILABLE.
 */
export async function syncMedia(input: {
  from: MediaStorage;
  to: MediaStorage;
  /** Called with the running count of files handled and the total, which is known once the source is listed. */
  onProgress?: (done: number, total: number) => void;
}): Promise<SyncReport> {
  const there = new Map<string, number>();
  for await (const object of input.to.list()) there.set(object.path, object.size);
  const files: Array<{ path: string; size: number }> = [];
  for await (const file of input.from.list()) files.push(file);
  const report: SyncReport = { copied: 0, alreadyThere: 0, failed: [] };
  let done = 0;
  input.onProgress?.(0, files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      try {
        if (there.get(file.path) === file.size) {
          report.alreadyThere += 1;
        } else {
          const data = await input.from.read(file.path);
          if (!data) throw new Error('removed from the source during the run');
          await input.to.put({ path: file.path, data, mayReplace: true });
          report.copied += 1;
        }
      } catch (error) {
        report.failed.push({ path: file.path, reason: (error as Error).message });
      }
      done += 1;
      input.onProgress?.(done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, files.length) }, worker));
  report.failed.sort((a, b) => a.path.localeCompare(b.path));
  return report;
}
