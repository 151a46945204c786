import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the backend answers at a path: its cache tags, and Cache-Control unless `cacheControl` is null. */
export interface TaggedPage {
  tags: string[];
  cacheControl?: string | null;
}

export interface TaggedBackend {
  /** `http://127.0.0.1:PORT`, for startVarnish's `backend`. */
  url: string;
  /** Requests that reached the backend, by path (Varnish's health probes left out). */
  hits(path: string): number;
  /** The headers of the last request for `path` that reached it. */
  lastHeaders(path: string): IncomingHttpHeaders | undefined;
  /** Unhealthy, it answers 503 to everything, /healthz included (the store is down). */
  setHealthy(isHealthy: boolean): void;
  close(): Promise<void>;
}

/** Masthead's header for a public page, with a shared-cache lifetime long enough to outlast any test. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=86400';

/**
 * A tiny real origin standing in for Masthead: each page answers with its
 * tags in the three headers Masthead sends (xkey, Surrogate-Key, Cache-Tag)
 * and a body naming how many times it was fetched, so a test can tell a
 * cached copy from a fresh one.
 */
export async function startTaggedBackend(pages: Record<string, TaggedPage>): Promise<TaggedBackend> {
  const counts = new Map<string, number>();
  const headers = new Map<string, IncomingHttpHeaders>();
  let isHealthy = true;
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (!isHealthy) return void response.writeHead(503, { 'cache-control': 'no-store' }).end('the store does not answer');
    if (path === '/healthz') return void response.writeHead(200, { 'cache-control': 'no-store' }).end('{"status":"ok"}');
    counts.set(path, (counts.get(path) ?? 0) + 1);
    headers.set(path, request.headers);
    const page = pages[path];
    if (!page) return void response.writeHead(404, { 'cache-control': 'no-store' }).end('not found');
    const cacheControl = page.cacheControl === undefined ? PUBLIC_CACHE_CONTROL : page.cacheControl;
    response.writeHead(200, {
      'content-type': 'text/plain',
      xkey: page.tags.join(' '),
      'surrogate-key': page.tags.join(' '),
      'cache-tag': page.tags.join(','),
      ...(cacheControl === null ? {} : { 'cache-control': cacheControl }),
    });
    response.end(`${path} fetch ${counts.get(path)}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: (path) => counts.get(path) ?? 0,
    lastHeaders: (path) => headers.get(path),
    setHealthy: (value) => (isHealthy = value),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // Varnish keeps its backend connections open
      }),
  };
}
