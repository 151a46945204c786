import { stat, writeFile } from 'node:fs/promises';
import v8 from 'node:v8';
import { dirname, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { importWordPress } from '../import/wordpress/import-site.js';
import { sweepOnStart } from '../import/staging-sweep.js';
import { reportText } from '../import/wordpress/import-report.js';
import { lazyImageIngest } from '../media/lazy-ingest.js';
import { mediaFolder, openMediaStorage } from '../media-storage/open-media-storage.js';
import { makeAllMissingSizes } from '../operations/media-library/picture-sizes.js';
import { openStore, storeLocation } from '../store/open-store.js';
import { purgeCdnOfChanges } from './cdn-purge.js';

export interface ImportFlags {
  source: string | undefined;
  file: string | undefined;
  uploads: string | undefined;
  report: string | undefined;
  deferSizes: boolean | undefined;
}

/**
 * `masthead import wordpress <export.xml> [--uploads DIR] [--report FILE]`:
 * a progress bar on standard error while it runs (the file is read twice),
 * then the report's counts and the items to look at on standard output.
 */
export async function runImport(config: Readonly<Config>, flags: ImportFlags): Promise<number> {
  if (flags.source !== 'wordpress') {
    throw new AppError('BAD_REQUEST', `import takes "wordpress" and an export file, e.g. masthead import wordpress export.xml (got ${flags.source === undefined ? 'nothing' : `"${flags.source}"`})`);
  }
  if (!flags.file) throw new AppError('BAD_REQUEST', 'import wordpress needs the export file, e.g. masthead import wordpress export.xml --uploads wp-content/uploads');
  const reportFile = flags.report === undefined ? undefined : await writableFile(flags.report);
  // An import keeps ids, not content, but makes garbage fast; left to grow at V8's usual pace the
  // heap reaches about twice what is alive (340 MB where 10,000 posts need 150). Growing it in
  // smaller steps keeps it near what is alive, for a few per cent of the time (see the README's
  // import benchmark). A V8 flag set at run time: it changes only how the heap grows from here.
  v8.setFlagsFromString('--heap-growing-percent=35');
  const store = await openStore(storeLocation(config));
  // An import changes any number of pages: the CDN in front (CDN_PURGE) is purged of everything it touched.
  const finishPurging = purgeCdnOfChanges(config, store);
  // Files are staged in DATA_DIR/media/.staging and go into the media storage (folder or bucket) once the run has committed.
  const mediaDir = mediaFolder(config);
  const storage = openMediaStorage(config);
  const images = lazyImageIngest({ storage });
  const bar = new cliProgress.SingleBar(
    {
      format: 'Importing |{bar}| pass {pass}/2 · {items} items · {percentage}% · ETA {eta_formatted}',
      noTTYOutput: true,
      notTTYSchedule: 5000,
      stream: process.stderr,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  try {
    // What a killed import left in the staging folder goes before this one starts (another import still running is left alone).
    const swept = await sweepOnStart({ mediaDir, storage, store });
    if (swept) process.stderr.write(`${swept}\n`);
    let isStarted = false;
    const report = await importWordPress(
      { store, clock: systemClock, images },
      {
        file: flags.file,
        mediaDir,
        storage,
        uploadsDir: flags.uploads,
        onProgress: ({ pass, bytesRead, totalBytes, items }) => {
          // Both passes read the whole file: the bar runs over twice its size.
          const done = (pass - 1) * totalBytes + bytesRead;
          if (!isStarted) bar.start(2 * totalBytes, done, { pass, items });
          else bar.update(done, { pass, items });
          isStarted = true;
        },
      },
    );
    bar.stop();
    const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
    process.stdout.write(`Imported ${report.source} from ${report.file} in ${seconds.toFixed(1)} s.\n\n${reportText(report)}`);
    if (!flags.deferSizes) await makeSizes({ store, clock: systemClock, images });
    if (reportFile) {
      await writeFile(reportFile, `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`The full report is in ${reportFile}.\n`);
    }
    return 0;
  } finally {
    bar.stop();
    await finishPurging();
    await store.close();
    await storage.close();
  }
}

/**
 * The imported pictures' variants and crops, made now with a bar of their own
 * (the site already shows the originals). Stopped early, or with
 * --defer-sizes, the running servers make the rest in the background.
 */
async function makeSizes(context: Parameters<typeof makeAllMissingSizes>[0]): Promise<void> {
  const bar = new cliProgress.SingleBar(
    { format: 'Picture sizes |{bar}| {value}/{total} · ETA {eta_formatted}', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const started = Date.now();
  let isStarted = false;
  const report = await makeAllMissingSizes(context, (done, total) => {
    if (total === 0) return;
    if (!isStarted) bar.start(total, done);
    else bar.update(done);
    isStarted = true;
  });
  bar.stop();
  if (report.made + report.failed.length === 0) return;
  process.stdout.write(`Made the sizes of ${report.made} pictures in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  for (const failure of report.failed) process.stdout.write(`  picture ${failure.id}: ${(failure.error as Error).message ?? String(failure.error)}; it is shown as it was uploaded\n`);
}

/** Checked before the import starts, so a long run never ends unable to write its report. */
async function writableFile(path: string): Promise<string> {
  const file = resolve(path);
  try {
    if ((await stat(dirname(file))).isDirectory()) return file;
  } catch {
    // reported below
  }
  throw new AppError('BAD_REQUEST', `--report ${path}: the folder ${dirname(file)} does not exist`);
}
