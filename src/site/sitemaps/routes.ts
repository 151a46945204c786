import type { FastifyInstance, FastifyReply } from 'fastify';
import { cacheAs } from '../../response-cache/serve-cached.js';
import { cacheTags } from '../../response-cache/cache-tags.js';
import type { SitemapArchiveKind } from '../../content/store-sitemaps.js';
import { notFound } from '../../lib/errors.js';
import type { OperationContext } from '../../operations/context.js';
import type { RenderSite } from '../../render/render-site.js';
import { urls } from '../../render/urls.js';
import { imagesXml } from './image-xml.js';
import { newsSitemapXml } from './news-sitemap-xml.js';
import { robotsTxt } from './robots-txt.js';
import { sitemapUrls } from './sitemap-urls.js';
import { locOf, sitemapIndexXml, SITEMAP_URL_LIMIT, urlsetXml, type UrlEntry } from './sitemap-xml.js';

/** Sitemaps may be kept a minute by a CDN, as pages are. */
const SITEMAP_CACHE = 'public, max-age=60';

export interface SitemapLimits {
  /** Articles per numbered sitemap file; the protocol allows 50,000. */
  postsPerFile: number;
  /** Google News reads at most 1,000 URLs from a news sitemap. */
  newsUrls: number;
  /** Google News wants only articles from the last two days. */
  newsHours: number;
}

export const SITEMAP_LIMITS: Readonly<SitemapLimits> = Object.freeze({ postsPerFile: SITEMAP_URL_LIMIT, newsUrls: 1_000, newsHours: 48 });

export interface SitemapRoutesOptions {
  context: OperationContext;
  site: () => RenderSite;
  /** Overrides, for tests: a split every 3 articles shows the splitting without 50,000 of them. */
  limits?: Partial<SitemapLimits>;
}

const ARCHIVES: ReadonlyArray<{ kind: SitemapArchiveKind; path: string; url: (slug: string) => string }> = [
  { kind: 'category', path: sitemapUrls.categories, url: urls.category },
  { kind: 'tag', path: sitemapUrls.tags, url: urls.tag },
  { kind: 'author', path: sitemapUrls.authors, url: urls.author },
];

/** Sitemaps list every story and archive with its last change: any change to one is a new sitemap. */
const SITEMAP_TAGS = [cacheTags.kind('post'), cacheTags.kind('term'), cacheTags.kind('author'), cacheTags.kind('media')];

function sendXml(reply: FastifyReply, xml: string): FastifyReply {
  cacheAs(reply, SITEMAP_TAGS);
  return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', SITEMAP_CACHE).send(xml);
}

/** The newer of two ISO-8601 UTC times (they compare as text). */
function newer(a: string | null, b: string | null): string | null {
  return a === null ? b : b === null || a > b ? a : b;
}

/** Sitemaps and robots.txt: what search engines read to find the site's pages. */
export async function sitemapRoutes(app: FastifyInstance, options: SitemapRoutesOptions): Promise<void> {
  const { store, clock } = options.context;
  const limits: SitemapLimits = { ...SITEMAP_LIMITS, ...options.limits };
  const perFile = limits.postsPerFile;

  // Lists only files with something in them: the protocol's schema refuses an empty urlset.
  app.get(sitemapUrls.index, async (_request, reply) => {
    const site = options.site();
    const now = clock.now().toISOString();
    const [files, lastmods] = await Promise.all([store.sitemaps.postFiles({ now, perFile }), store.sitemaps.lastmods({ now })]);
    const entries: UrlEntry[] = files
      .filter((file) => file.urls > 0)
      .map((file) => ({ loc: site.absolute(sitemapUrls.posts(file.number)), lastmod: file.lastmod }));
    entries.push({ loc: site.absolute(sitemapUrls.pages), lastmod: newer(lastmods.home, lastmods.pages) });
    for (const archive of ARCHIVES) {
      const lastmod = lastmods[archive.kind];
      if (lastmod !== null) entries.push({ loc: site.absolute(archive.path), lastmod });
    }
    return sendXml(reply, sitemapIndexXml(entries));
  });

  app.get<{ Params: { number: string } }>('/sitemap-posts-:number(^\\d{1,6}).xml', async (request, reply) => {
    // One address per file: "01" and "0" are not file 1.
    if (request.params.number.startsWith('0')) throw notFound('That sitemap');
    const number = Number(request.params.number);
    const site = options.site();
    const posts = await store.sitemaps.postFile({ now: clock.now().toISOString(), perFile, number });
    if (!posts) throw notFound('That sitemap');
    const entries = posts.map((post) => ({
      loc: locOf(site.absolute, urls.post(post.slug)),
      lastmod: post.updatedAt,
      extensions: imagesXml(site.absolute, post.images, site.mediaBase),
    }));
    return sendXml(reply, urlsetXml(entries, ['image']));
  });

  app.get(sitemapUrls.pages, async (_request, reply) => {
    const site = options.site();
    const now = clock.now().toISOString();
    const { homeLastmod, pages } = await store.sitemaps.pages({ now, limit: SITEMAP_URL_LIMIT - 1 });
    const entries: UrlEntry[] = [
      { loc: site.absolute(urls.home()), lastmod: homeLastmod },
      ...pages.map((page) => ({ loc: locOf(site.absolute, urls.post(page.slug)), lastmod: page.lastmod })),
    ];
    return sendXml(reply, urlsetXml(entries));
  });

  // One file per kind of archive, so at most 50,000 of each (by slug); more
  // tags than that in use would need them numbered as the articles are.
  for (const archive of ARCHIVES) {
    app.get(archive.path, async (_request, reply) => {
      const site = options.site();
      const links = await store.sitemaps.archives({ kind: archive.kind, now: clock.now().toISOString(), limit: SITEMAP_URL_LIMIT });
      return sendXml(reply, urlsetXml(links.map((link) => ({ loc: locOf(site.absolute, archive.url(link.slug)), lastmod: link.lastmod }))));
    });
  }

  // Empty when nothing was published in the window; Google documents an empty news sitemap as harmless.
  // Not cached: stories leave it as time passes, with no change to tell of it.
  app.get(sitemapUrls.news, async (_request, reply) => {
    const site = options.site();
    const now = clock.now();
    const since = new Date(now.getTime() - limits.newsHours * 3_600_000).toISOString();
    const entries = await store.sitemaps.news({ now: now.toISOString(), since, limit: limits.newsUrls });
    return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', SITEMAP_CACHE).send(newsSitemapXml(site, entries));
  });

  app.get('/robots.txt', async (_request, reply) => {
    cacheAs(reply, []);
    return reply.header('content-type', 'text/plain; charset=utf-8').send(robotsTxt(options.site().absolute));
  });
}
