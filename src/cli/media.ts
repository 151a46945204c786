import cliProgress from 'cli-progress';
import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { createLocalStorage } from '../media-storage/local-storage.js';
import { mediaFolder, openMediaStorage } from '../media-storage/open-media-storage.js';
import { syncMedia } from '../media-storage/sync-media.js';

/**
 * `masthead media sync --to s3`: copies the local media folder (DATA_DIR/media,
 * without its dot folders) into the bucket MEDIA_STORAGE=s3 and the S3_*
 * variables name, for moving a site's library to object storage. Run it again
 * to resume or to catch up: what the bucket holds with the same size is
 * skipped. Exits 1 when any file failed, after trying all of them.
 */
export async function runMedia(config: Readonly<Config>, input: { action: string | undefined; to: string | undefined }): Promise<number> {
  if (input.action !== 'sync') throw new AppError('BAD_REQUEST', `media takes "sync", e.g. masthead media sync --to s3 (got ${input.action === undefined ? 'nothing' : `"${input.action}"`})`);
  if (input.to !== 's3') throw new AppError('BAD_REQUEST', `media sync needs --to s3 (got ${input.to === undefined ? 'nothing' : `"${input.to}"`})`);
  if (config.mediaStorage.driver !== 's3') {
    throw new AppError('BAD_REQUEST', 'media sync --to s3 copies into the bucket MEDIA_STORAGE=s3 names: set MEDIA_STORAGE=s3, S3_BUCKET (and S3_REGION, S3_ENDPOINT, S3_FORCE_PATH_STYLE as the service needs) and the credentials');
  }
  const from = createLocalStorage({ folder: mediaFolder(config) });
  const to = openMediaStorage(config);
  const bar = new cliProgress.SingleBar(
    { format: 'Copying |{bar}| {value}/{total} files · {percentage}% · ETA {eta_formatted}', noTTYOutput: true, notTTYSchedule: 5000, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let isStarted = false;
  try {
    process.stderr.write(`Copying ${from.name} into ${to.name}…\n`);
    const report = await syncMedia({
      from,
      to,
      onProgress: (done, total) => {
        if (!isStarted) bar.start(total, done);
        else bar.update(done);
        isStarted = true;
      },
    });
    bar.stop();
    process.stdout.write(`Copied ${report.copied} file(s); ${report.alreadyThere} already there; ${report.failed.length} failed.\n`);
    for (const failure of report.failed) process.stdout.write(`  ${failure.path}: ${failure.reason}\n`);
    if (report.failed.length > 0) process.stdout.write('Run the command again to retry the files that failed.\n');
    return report.failed.length === 0 ? 0 : 1;
  } finally {
    bar.stop();
    await to.close();
  }
}
