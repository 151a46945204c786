import { join } from 'node:path';
import type { Config } from '../config.js';
import { createLocalStorage } from './local-storage.js';
import type { MediaStorage } from './media-storage.js';
import { createS3Storage } from './s3-storage.js';

/**
 * The media storage MEDIA_STORAGE names, built once by the composition root
 * (app.ts, `masthead serve`, the CLI commands) and handed down. Credentials
 * for S3 come from the SDK's usual chain (AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY, AWS_PROFILE, an instance or container role…), never from config.
 */
export function openMediaStorage(config: Pick<Readonly<Config>, 'dataDir' | 'mediaStorage'>): MediaStorage {
  const chosen = config.mediaStorage;
  if (chosen.driver === 'local') return createLocalStorage({ folder: mediaFolder(config) });
  return createS3Storage({ bucket: chosen.bucket, region: chosen.region, endpoint: chosen.endpoint, isPathStyle: chosen.isPathStyle });
}

/**
 * DATA_DIR/media: the local driver's files, and with either driver the place
 * an import stages its files until its transaction commits (import/media-staging.ts).
 */
export function mediaFolder(config: Pick<Readonly<Config>, 'dataDir'>): string {
  return join(config.dataDir, 'media');
}
