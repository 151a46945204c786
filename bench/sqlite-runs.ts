/**
 * The SQLite store's runs: first a server with the response cache on, each
 * page against nginx serving its bytes, then the cache filled with every
 * article; then, once it has stopped, a server with the cache off on the
 * same store, for the article rendered on every request.
 */
import type { BenchOptions } from './args.js';
import { fillCache, hasResponseCache, type CacheFill } from './cache-fill.js';
import { checkNotModified, checkSameAnswer, copyPage, etagOf, fetchGzip, type PageCopy } from './cached-pages.js';
import { checkInterrupted, Interrupted, onCleanUp, tempDir } from './lifecycle.js';
import { checkAlive, launchServer } from './launch.js';
import { fetchPage, measurePage, readMemory, waitForOk, type PageSize } from './masthead.js';
import { measureTargets, processesOf, type Target } from './measure.js';
import { startNginx } from './nginx.js';
import { freePort, stop } from './proc.js';
import type { ServerMemory, TargetResult } from './report.js';
import { ARTICLE, ARTICLE_GZIP, CACHED_PAGES, COLD_ARTICLE, FEED_304, FEED_PATH, NGINX_ARTICLE, cachedRow, nginxRow } from './rows.js';
import type { Tools } from './tools.js';

const GZIP = { 'accept-encoding': 'gzip' };

export interface CachedRuns {
  startToFirstResponseMs: number;
  articlePage: PageSize;
  /** The article's bytes as sent to a client taking no compression, for the cold server to match. */
  article: Buffer;
  /** The port it served on: the cold server takes it too, so its pages link to the same address. */
  port: number;
  targets: TargetResult[];
  /** Null when filling it failed (the error went to stderr). */
  cache: CacheFill | null;
  memory: ServerMemory;
}

/** nginx serving each cached page's identity bytes, and the article's gzip bytes beside them. */
async function serveCopies({ tools, options, copies, articleGzip }: { tools: Tools; options: BenchOptions; copies: readonly PageCopy[]; articleGzip: Buffer }) {
  const dir = await tempDir('masthead-bench-nginx-');
  const port = await freePort();
  const pages = copies.map((c) => ({ path: c.page.path, body: c.identity, contentType: c.contentType, ...(c.page === ARTICLE ? { gzip: articleGzip } : {}) }));
  const nginx = await startNginx(tools.nginx, { dir, port, pages, workers: options.workers });
  onCleanUp(() => stop(nginx, ['SIGQUIT', 'SIGTERM'], 5_000));
  const base = `http://127.0.0.1:${port}`;
  await waitForOk(base + ARTICLE.path, nginx, performance.now(), 10_000);
  for (const c of copies) await checkSameAnswer({ url: base + c.page.path, expected: c.identity, contentType: c.contentType });
  await checkSameAnswer({ url: base + ARTICLE.path, headers: GZIP, expected: articleGzip, contentEncoding: 'gzip' });
  return { nginx, base };
}

export async function measureCached({ tools, options, dataDir }: { tools: Tools; options: BenchOptions; dataDir: string }): Promise<CachedRuns> {
  const server = await launchServer({ dataDir, workers: options.workers });
  const { base } = server;
  // Each page fetched and warmed up front, so a missing page fails loudly instead of wrk timing 404s.
  const copies: PageCopy[] = [];
  for (const page of CACHED_PAGES) copies.push(await copyPage({ base, page, workers: options.workers }));
  const articleCopy = copies.find((c) => c.page === ARTICLE)!;
  const feedCopy = copies.find((c) => c.page.path === FEED_PATH)!;
  const articleGzip = await fetchGzip(base + ARTICLE.path, articleCopy.identity);
  const { nginx, base: nginxBase } = await serveCopies({ tools, options, copies, articleGzip });
  await checkSameAnswer({ url: base + ARTICLE.path, headers: GZIP, expected: articleGzip, contentEncoding: 'gzip' });
  const nginxFeedEtag = await etagOf(nginxBase + FEED_PATH);
  await checkNotModified(base + FEED_PATH, feedCopy.etag);
  await checkNotModified(nginxBase + FEED_PATH, nginxFeedEtag);

  const app = processesOf(server.running.child.pid);
  const web = processesOf(nginx.child.pid);
  // Each Masthead row straight after its nginx row, so the two see the machine alike.
  const pair = (label: string, path: string, headers: { nginx?: Record<string, string>; masthead?: Record<string, string> } = {}): Target[] => [
    { name: nginxRow(label), url: nginxBase + path, baseline: null, headers: headers.nginx, watch: web },
    { name: cachedRow(label), url: base + path, baseline: nginxRow(label), headers: headers.masthead, watch: app },
  ];
  const targets = await measureTargets({
    tools,
    options,
    targets: [
      ...copies.flatMap((c) => pair(c.page.label, c.page.path)),
      // Each side is asked with the ETag it gave the feed, as a feed reader would.
      ...pair(FEED_304, FEED_PATH, { nginx: { 'if-none-match': nginxFeedEtag }, masthead: { 'if-none-match': feedCopy.etag } }),
      ...pair(ARTICLE_GZIP, ARTICLE.path, { nginx: GZIP, masthead: GZIP }),
    ],
  });
  checkInterrupted();
  await checkAlive(server, 'cached');
  await stop(nginx, ['SIGQUIT', 'SIGTERM'], 5_000);

  let cache: CacheFill | null = null;
  try {
    cache = await fillCache({ base, workers: options.workers });
  } catch (error) {
    if (error instanceof Interrupted) throw error;
    // The rows above still count; the floor on the cache reports it not measured.
    process.stderr.write(`bench: filling the response cache: ${(error as Error).message}\n`);
  }
  checkInterrupted();
  await checkAlive(server, 'cached');
  // VmHWM is the kernel's high-water mark of resident memory, so reading it last covers every run and the fill.
  const memory = { server: 'SQLite, cached', memory: await readMemory(server.running.child.pid!) };
  await server.stop();
  return { startToFirstResponseMs: server.startToFirstResponseMs, articlePage: measurePage(articleCopy.identity), article: articleCopy.identity, port: server.port, targets, cache, memory };
}

/** The article rendered on every request (CACHE_MAX_MB=0), on the same store, with the cached server stopped. */
export async function measureCold(input: { tools: Tools; options: BenchOptions; dataDir: string; article: Buffer; port: number }): Promise<{ targets: TargetResult[]; memory: ServerMemory }> {
  const { tools, options, dataDir, article, port } = input;
  const server = await launchServer({ dataDir, port, workers: options.workers, cacheMaxMb: 0 });
  if (await hasResponseCache(server.base)) throw new Error('the server started with CACHE_MAX_MB=0 still reports a response cache');
  const rendered = await fetchPage(server.base + ARTICLE.path);
  if (!rendered.equals(article)) throw new Error(`the article rendered without the cache is ${rendered.byteLength} B, not the ${article.byteLength} B nginx serves`);
  const watch = processesOf(server.running.child.pid);
  const targets = await measureTargets({ tools, options, targets: [{ name: COLD_ARTICLE, url: server.base + ARTICLE.path, baseline: NGINX_ARTICLE, watch }] });
  checkInterrupted();
  await checkAlive(server, 'cold');
  const memory = { server: 'SQLite, cold (no cache)', memory: await readMemory(server.running.child.pid!) };
  await server.stop();
  return { targets, memory };
}
