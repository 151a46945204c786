import { gunzipSync } from 'node:zlib';
import { get, getOk, type Answer } from './http.js';
import { sleep } from './proc.js';
import type { Page } from './rows.js';

/** Compression runs on the thread pool after the first answer; a page not sent as gzip by then means the cache is not doing its work. */
const COMPRESSED_WITHIN_MS = 10_000;

/** A page as Masthead's cache sends it to a client taking no compression: what nginx is given to serve. */
export interface PageCopy {
  page: Page;
  identity: Buffer;
  contentType: string;
  etag: string;
}

/**
 * Puts a page in the cache as readers leave it: asked for twice, then until a
 * client taking gzip gets gzip (its compressed forms are made off the
 * request, so the first answers are the identity bytes). Each process keeps
 * a cache of its own, and new connections go to each worker in turn, so every
 * request opens one and, with several workers, gzip must come back from as
 * many connections in a row.
 */
export async function warmCache({ url, workers }: { url: string; workers: number }): Promise<void> {
  for (let i = 0; i < 2 * workers; i++) await getOk(url, {}, false);
  const since = performance.now();
  let inARow = 0;
  while (inARow < workers) {
    const answer = await getOk(url, { 'accept-encoding': 'gzip' }, false);
    inARow = answer.headers['content-encoding'] === 'gzip' ? inARow + 1 : 0;
    if (inARow === 0 && performance.now() - since > COMPRESSED_WITHIN_MS) {
      throw new Error(`${url} was still not sent as gzip ${COMPRESSED_WITHIN_MS / 1000} s after it was cached: is the response cache on?`);
    }
    if (inARow === 0) await sleep(20);
  }
}

function header(answer: Answer, url: string, name: string): string {
  const value = answer.headers[name];
  if (typeof value !== 'string' || value === '') throw new Error(`GET ${url} answered without ${name}`);
  return value;
}

/** Warms the page's entries, then takes its identity bytes, Content-Type and ETag. */
export async function copyPage({ base, page, workers }: { base: string; page: Page; workers: number }): Promise<PageCopy> {
  const url = base + page.path;
  await warmCache({ url, workers });
  const answer = await getOk(url);
  if (answer.headers['content-encoding'] !== undefined) throw new Error(`GET ${url} without Accept-Encoding came back as ${answer.headers['content-encoding']}`);
  return { page, identity: answer.body, contentType: header(answer, url, 'content-type'), etag: header(answer, url, 'etag') };
}

/** The gzip bytes exactly as sent, checked to be the identity bytes compressed. */
export async function fetchGzip(url: string, identity: Buffer): Promise<Buffer> {
  const answer = await getOk(url, { 'accept-encoding': 'gzip' });
  if (answer.headers['content-encoding'] !== 'gzip') throw new Error(`GET ${url} with Accept-Encoding: gzip came back as ${answer.headers['content-encoding'] ?? 'identity'}`);
  if (!gunzipSync(answer.body).equals(identity)) throw new Error(`GET ${url}: the gzip bytes do not decode to the identity bytes`);
  return answer.body;
}

/** Both servers must send the same bytes for the same request, or the comparison is not of the same work. */
export async function checkSameAnswer(check: { url: string; headers?: Record<string, string>; expected: Buffer; contentType?: string; contentEncoding?: string }): Promise<void> {
  const { url, expected, contentType, contentEncoding } = check;
  const answer = await getOk(url, check.headers);
  if (contentType !== undefined && answer.headers['content-type'] !== contentType) throw new Error(`GET ${url} came back as ${answer.headers['content-type'] ?? 'no Content-Type'}, expected ${contentType}`);
  const got = answer.headers['content-encoding'];
  if (got !== contentEncoding) throw new Error(`GET ${url} came back with content-encoding ${got ?? 'none'}, expected ${contentEncoding ?? 'none'}`);
  const length = Number(answer.headers['content-length']);
  if (length !== expected.byteLength || !answer.body.equals(expected)) {
    throw new Error(`GET ${url} sent ${answer.body.byteLength} B (content-length ${answer.headers['content-length'] ?? 'none'}), not the same ${expected.byteLength} B`);
  }
}

/** Checks the server answers 304 to this If-None-Match before wrk counts its answers, which it cannot tell from 200s. */
export async function checkNotModified(url: string, etag: string): Promise<void> {
  const answer = await get(url, { headers: { 'if-none-match': etag } });
  if (answer.status !== 304) throw new Error(`GET ${url} with If-None-Match: ${etag} answered ${answer.status}, expected 304`);
}

/** The ETag the server gives its answer to a client taking no compression. */
export async function etagOf(url: string): Promise<string> {
  const answer = await getOk(url);
  return header(answer, url, 'etag');
}
