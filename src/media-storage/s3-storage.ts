import { createReadStream } from 'node:fs';
import { stat as statFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { onFirstUse } from '../on-first-use.js';
import { AppError } from '../lib/errors.js';
import { contentTypeOf, IMMUTABLE_CACHE_CONTROL } from './content-type.js';
import { isMediaPath, type MediaStorage, type StoredObject } from './media-storage.js';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** For services other than AWS (R2, B2, MinIO…); AWS's own address when unset. */
  endpoint?: string;
  /** Address the bucket as `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, most test servers). */
  isPathStyle: boolean;
  /** Explicit keys (tests); unset, the SDK's usual chain finds them (AWS_ACCESS_KEY_ID…, profiles, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** How long one request to the bucket may take before the upload or page fails with MEDIA_STORAGE_UNAVAILABLE. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Media in an S3-compatible bucket, through the official AWS SDK v3, so every
 * instance of the site reads and writes the same files. Objects are keyed by
 * their media path and stored with their Content-Type and an immutable
 * Cache-Control, for a CDN or the bucket's own address to serve as they are.
 *
 * "Only if absent" is a HEAD, then a PUT with `If-None-Match: *`: services
 * that honour the condition (AWS S3, R2, MinIO) refuse a second writer with
 * 412; one that ignores it is covered by the HEAD but for two writers in the
 * same instant, which, a path carrying a hash of its bytes, write the same bytes.
 * A service that rejects the header as not implemented gets plain PUTs from then on.
 */
export function createS3Storage(options: S3StorageOptions): MediaStorage {
  const clientOptions = {
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.isPathStyle,
    ...(options.credentials ? { credentials: options.credentials } : {}),
    maxAttempts: 2,
    // Checksums only where the API requires them (DeleteObjects): the SDK's default sends a streamed
    // body as aws-chunked with a trailing checksum, which several S3-compatible services do not accept.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: { requestTimeout: REQUEST_TIMEOUT_MS, connectionTimeout: 5_000 },
  } as const;
  // The SDK (about 100 ms and 25 MB a process) loads with the first call to the bucket, not at start.
  let sdk: Awaited<ReturnType<typeof onFirstUse.awsS3>> | undefined;
  let connecting: Promise<{ client: S3Client; sdk: NonNullable<typeof sdk> }> | undefined;
  const s3 = () =>
    (connecting ??= onFirstUse.awsS3().then((module) => {
      sdk = module;
      return { client: new module.S3Client(clientOptions), sdk: module };
    }));
  const Bucket = options.bucket;
  const name = `the bucket "${Bucket}"${options.endpoint ? ` at ${options.endpoint}` : ` in ${options.region}`}`;
  let isConditionalPutSupported = true;

  const keyOf = (path: string): string => {
    if (!isMediaPath(path)) throw new AppError('BAD_REQUEST', `"${path}" is not a media path`);
    return path;
  };
  /** The SDK's own errors; any error from the bucket comes after the SDK has loaded. */
  const isServiceError = (error: unknown): error is S3ServiceException => sdk !== undefined && error instanceof sdk.S3ServiceException;
  const failed = (action: string, error: unknown): AppError => {
    const reason = isServiceError(error) ? `${error.name} (HTTP ${error.$metadata.httpStatusCode ?? '?'})` : ((error as NodeJS.ErrnoException).code ?? (error as Error).name ?? 'error');
    return new AppError(
      'MEDIA_STORAGE_UNAVAILABLE',
      `Could not ${action} ${name}: ${reason}. Check that the bucket exists and that S3_BUCKET, S3_REGION, S3_ENDPOINT and the credentials (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) are right and the service answers.`,
      { cause: error },
    );
  };
  const status = (error: unknown) => (isServiceError(error) ? error.$metadata.httpStatusCode : undefined);
  /** A missing key is 404 (403 without ListBucket permission would hide it, and is reported as an access problem). */
  const isMissingKey = (error: unknown) => status(error) === 404 && (error as Error).name !== 'NoSuchBucket';

  async function head(path: string): Promise<{ size: number } | undefined> {
    try {
      const { client, sdk } = await s3();
      const answer = await client.send(new sdk.HeadObjectCommand({ Bucket, Key: keyOf(path) }));
      return { size: answer.ContentLength ?? 0 };
    } catch (error) {
      if (isMissingKey(error)) return undefined;
      throw failed(`look at ${path} in`, error);
    }
  }

  async function putObject(path: string, body: Buffer | Readable, length: number, isConditional: boolean): Promise<void> {
    const { client, sdk } = await s3();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket,
        Key: path,
        Body: body,
        ContentLength: length,
        ContentType: contentTypeOf(path),
        CacheControl: IMMUTABLE_CACHE_CONTROL,
        ...(isConditional ? { IfNoneMatch: '*' } : {}),
      }),
    );
  }

  return {
    name,
    localFolder: undefined,
    close: async () => {
      if (connecting) (await connecting).client.destroy();
    },

    async put({ path, data, mayReplace = false }) {
      const key = keyOf(path);
      if (!mayReplace && (await head(key))) return false;
      const isConditional = !mayReplace && isConditionalPutSupported;
      const send = async (isWithCondition: boolean) => {
        if (Buffer.isBuffer(data)) return putObject(key, data, data.length, isWithCondition);
        const { size } = await statFile(data.file);
        return putObject(key, createReadStream(data.file), size, isWithCondition);
      };
      try {
        await send(isConditional);
        return true;
      } catch (error) {
        // 412: another writer put it first; 409: a write to the same key is under way (AWS), also the same picture.
        if (isConditional && (status(error) === 412 || status(error) === 409)) return false;
        if (isConditional && status(error) === 501) {
          isConditionalPutSupported = false;
          try {
            await send(false);
            return true;
          } catch (retryError) {
            throw failed(`write ${path} into`, retryError);
          }
        }
        throw failed(`write ${path} into`, error);
      }
    },

    async read(path) {
      const object = await this.open(path);
      if (!object) return undefined;
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of object.body) chunks.push(chunk as Buffer);
      } catch (error) {
        throw failed(`read ${path} from`, error);
      }
      return Buffer.concat(chunks);
    },

    async open(path): Promise<StoredObject | undefined> {
      try {
        const { client, sdk } = await s3();
        const answer = await client.send(new sdk.GetObjectCommand({ Bucket, Key: keyOf(path) }));
        return {
          body: answer.Body as Readable,
          size: answer.ContentLength ?? 0,
          ...(answer.ETag ? { etag: answer.ETag } : {}),
          ...(answer.LastModified ? { lastModified: answer.LastModified } : {}),
        };
      } catch (error) {
        if (status(error) === 404 && (error as Error).name === 'NoSuchKey') return undefined;
        throw failed(`read ${path} from`, error);
      }
    },

    stat: head,

    async remove(paths) {
      for (let at = 0; at < paths.length; at += 1000) {
        const batch = paths.slice(at, at + 1000).map((path) => ({ Key: keyOf(path) }));
        try {
          const { client, sdk } = await s3();
          const answer = await client.send(new sdk.DeleteObjectsCommand({ Bucket, Delete: { Objects: batch, Quiet: true } }));
          const refused = answer.Errors ?? [];
          if (refused.length > 0) throw new Error(`${refused[0]!.Key}: ${refused[0]!.Code ?? 'refused'}`);
        } catch (error) {
          throw failed('remove files from', error);
        }
      }
    },

    async *list() {
      let ContinuationToken: string | undefined;
      do {
        let answer;
        try {
          const { client, sdk } = await s3();
          answer = await client.send(new sdk.ListObjectsV2Command({ Bucket, ...(ContinuationToken ? { ContinuationToken } : {}) }));
        } catch (error) {
          throw failed('list', error);
        }
        for (const object of answer.Contents ?? []) {
          if (object.Key && isMediaPath(object.Key)) yield { path: object.Key, size: object.Size ?? 0 };
        }
        ContinuationToken = answer.IsTruncated ? answer.NextContinuationToken : undefined;
      } while (ContinuationToken);
    },
  };
}
