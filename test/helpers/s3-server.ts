/**
 * A real S3-compatible server for tests: s3rver, listening on loopback on a port the system picks,
 * keeping its objects in a fresh temporary directory that is removed when it stops.
 *
 * s3rver speaks the S3 REST protocol over HTTP (signed requests, path-style addresses), so the
 * application's S3 driver talks to it through the official SDK exactly as it would to AWS, R2 or
 * MinIO. It does not implement conditional writes (`If-None-Match: *`); the driver's HEAD check
 * covers that, which is what it does against any service that ignores the header.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** What a test needs to point the application (or an SDK client) at the server. */
export interface S3TestServer {
  /** Base address, e.g. `http://127.0.0.1:40123`; use with path-style addressing. */
  readonly endpoint: string;
  /** A bucket that exists and is empty when the server starts. */
  readonly bucket: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** The folder s3rver keeps objects in (`<directory>/<bucket>/…`), for assertions on what was written. */
  readonly directory: string;
  /** The region to configure clients with; s3rver accepts any. */
  readonly region: string;
  /** Stops listening (closing open keep-alive connections) and deletes the temporary directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartS3ServerOptions {
  /** Bucket to create; default `media-test`. */
  readonly bucket?: string;
}

/** Starts s3rver on 127.0.0.1 with one empty bucket. Always `stop()` it (e.g. in `after`). */
export async function startS3Server(options: StartS3ServerOptions = {}): Promise<S3TestServer> {
  const bucket = options.bucket ?? 'media-test';
  const directory = await mkdtemp(join(tmpdir(), 'masthead-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
    // Path-style only: the bucket is never looked for in the Host header.
    vhostBuckets: false,
  });
  const address = await server.run();
  const httpServer = (server as unknown as { httpServer: Server }).httpServer;
  let isStopped = false;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    directory,
    region: 'us-east-1',
    async stop() {
      if (isStopped) return;
      isStopped = true;
      httpServer.closeAllConnections();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
