/**
 * Whether the response cache holds every article within its bound: each
 * article the sitemaps list is asked for as a browser asks (br, gzip), and
 * the cache's own figures are read from /readyz once its compression is done.
 */
import { Agent } from 'node:http';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { get, getOk } from './http.js';
import { checkInterrupted } from './lifecycle.js';
import { sleep } from './proc.js';

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const POSTS_SITEMAP = /^\/sitemap-posts-\d+\.xml$/;
const BROWSER = { 'accept-encoding': 'br, gzip' };
/** /readyz polls in a row with the same figures that count as compression done. */
const SETTLED_POLLS = 3;
const SETTLE_TIMEOUT_MS = 60_000;

export interface CacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

export interface CacheFill {
  /** Articles the posts sitemaps list. */
  articles: number;
  /** Of them, the ones still cached once all had been asked for (hits when each is asked again, the last asked first). */
  held: number;
  /** /readyz's figures before the articles were asked for, and once their compression was done. */
  before: CacheStats;
  after: CacheStats;
  /** What one more article costs the cache: the bytes added over the entries added (an estimate once entries were dropped for room). */
  bytesPerArticle: number | null;
  seconds: number;
}

/** The sitemap's <loc> URLs as paths (they name the site's own address, which in the bench is not the server's). */
function sitemapPaths(xml: string, url: string): string[] {
  const paths: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  let isLoc = false;
  parser.on('opentag', (tag) => {
    const { local, uri } = tag as SaxesTagNS;
    isLoc = local === 'loc' && uri === SITEMAP_NS;
    if (isLoc) paths.push('');
  });
  parser.on('text', (text) => {
    if (isLoc) paths[paths.length - 1] += text;
  });
  parser.on('closetag', () => (isLoc = false));
  parser.on('error', (error) => {
    throw new Error(`${url} is not well-formed XML: ${error.message}`);
  });
  parser.write(xml).close();
  return paths.map((loc) => new URL(loc.trim()).pathname);
}

/** Every article's path, from /sitemap.xml's posts sitemaps. */
export async function listArticles(base: string): Promise<string[]> {
  const indexUrl = `${base}/sitemap.xml`;
  const files = sitemapPaths((await getOk(indexUrl)).body.toString('utf8'), indexUrl).filter((path) => POSTS_SITEMAP.test(path));
  if (files.length === 0) throw new Error(`${indexUrl} lists no posts sitemap`);
  const articles: string[] = [];
  for (const file of files) articles.push(...sitemapPaths((await getOk(base + file)).body.toString('utf8'), base + file));
  return articles;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

async function readyCache(base: string, agent?: Agent): Promise<unknown> {
  const answer = await get(`${base}/readyz`, { agent });
  if (answer.status !== 200) throw new Error(`GET ${base}/readyz answered ${answer.status}`);
  return (JSON.parse(answer.body.toString('utf8')) as { responseCache?: unknown }).responseCache;
}

/** Whether /readyz reports a response cache: a server started with CACHE_MAX_MB=0 must not. */
export async function hasResponseCache(base: string): Promise<boolean> {
  return (await readyCache(base)) !== undefined;
}

async function readCache(base: string, agent: Agent): Promise<CacheStats> {
  const cache = await readyCache(base, agent);
  if (typeof cache !== 'object' || cache === null) throw new Error(`${base}/readyz tells nothing of the response cache: is it on?`);
  const stats = cache as Record<string, unknown>;
  const { entries, bytes, maxBytes, hits, misses } = stats;
  if (!isCount(entries) || !isCount(bytes) || !isCount(maxBytes) || !isCount(hits) || !isCount(misses)) {
    throw new Error(`${base}/readyz: responseCache is not {entries, bytes, maxBytes, hits, misses} as whole numbers: ${JSON.stringify(cache)}`);
  }
  return { entries, bytes, maxBytes, hits, misses };
}

/** Polls until the cache's figures stop moving: every answer kept has its compressed forms and has dropped its identity bytes. */
async function settled(base: string, agent: Agent): Promise<CacheStats> {
  const since = performance.now();
  let last = await readCache(base, agent);
  let same = 0;
  while (same < SETTLED_POLLS) {
    if (performance.now() - since > SETTLE_TIMEOUT_MS) throw new Error(`the response cache was still changing ${SETTLE_TIMEOUT_MS / 1000} s after the last article was asked for`);
    await sleep(100);
    const now = await readCache(base, agent);
    same = now.bytes === last.bytes && now.entries === last.entries ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** Returns the connections the answers came over. */
async function askForAll(base: string, paths: readonly string[], agent: Agent): Promise<Set<number>> {
  const sockets = new Set<number>();
  for (const [i, path] of paths.entries()) {
    if (i % 1000 === 0) checkInterrupted();
    const answer = await get(base + path, { headers: BROWSER, agent });
    if (answer.status !== 200) throw new Error(`GET ${base}${path} answered ${answer.status}`);
    sockets.add(answer.socketId);
  }
  return sockets;
}

/**
 * Asks for every article once, then once more in reverse order, the last
 * asked first: an article still held is a hit, and those dropped for room
 * (the first asked) come only after every held one, when a miss's new entry
 * can drop only articles already counted; so the hits are exactly what the
 * cache held. All over one connection, so that with several worker
 * processes every request and /readyz reach the same one.
 */
export async function fillCache({ base, workers }: { base: string; workers: number }): Promise<CacheFill> {
  const since = performance.now();
  const articles = await listArticles(base);
  process.stderr.write(`bench: asking for each of ${articles.length} articles (Accept-Encoding: br, gzip) to fill the response cache\n`);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const before = await readCache(base, agent);
    const sockets = await askForAll(base, articles, agent);
    const after = await settled(base, agent);
    for (const socket of await askForAll(base, [...articles].reverse(), agent)) sockets.add(socket);
    const held = (await readCache(base, agent)).hits - after.hits;
    // The kernel hands each new connection to any of the workers, whose caches are their own.
    if (workers > 1 && sockets.size > 1) throw new Error(`the server closed the connection midway, so the figures mix ${workers} workers' caches`);
    const added = after.entries - before.entries;
    return { articles: articles.length, held, before, after, bytesPerArticle: added > 0 ? (after.bytes - before.bytes) / added : null, seconds: (performance.now() - since) / 1000 };
  } finally {
    agent.destroy();
  }
}
