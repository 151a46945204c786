import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError, notFound } from '../lib/errors.js';
import type { Cursor } from '../content/store.js';
import type { OperationContext } from '../operations/context.js';
import { findMovedPost, readArchive, readArchivePage, readArticle, readHome, readSearch, scopeOf, type ArchiveOwner } from '../operations/read-site.js';
import { decodeCursor } from './cursor.js';
import { ampRoutes, answerAmp } from './amp/routes.js';
import { feedRoutes } from './feeds/routes.js';
import { listingHead } from '../render/head-html.js';
import { breadcrumbsJsonLd, profilePageJsonLd, webSiteJsonLd } from '../render/structured-data.js';
import type { SiteContext } from './site-context.js';
import { sitemapRoutes } from './sitemaps/routes.js';
import { answerProtected, protectedPostRoutes } from './protected-posts.js';
import { sendPage } from './send-page.js';
import { layout, type PagePart } from './templates/layout.js';
import { archiveContent, articleContent, homeContent } from './templates/listings.js';
import { pager } from './templates/pager.js';
import { siteIconSvg } from './templates/site-icon.js';
import { pageUrl, urls } from '../render/urls.js';
import { findMovedArchive } from '../operations/taxonomy/moved-archive.js';
import { namesWordPressQuery } from '../content/old-paths.js';
import type { ExpensiveRouteLimit } from '../rate-limit/expensive-routes.js';
import { onFirstUse } from '../on-first-use.js';
import { cacheAs } from '../response-cache/serve-cached.js';
import { cacheTags, listTags } from '../response-cache/cache-tags.js';
import { changeLists } from '../content/store-changes.js';

export interface SiteRoutesOptions {
  context: OperationContext;
  /** The current site context; replaced when settings change. */
  site: () => SiteContext;
  mediaForId: (id: number | null) => Promise<import('../content/types.js').Media | null>;
  /** The per-address limit on feeds and search (src/rate-limit/); absent, none (routes built alone in a test). */
  limitExpensive?: ExpensiveRouteLimit;
}

/** Longer search text is refused rather than cut: nobody types 200 characters into a search box, and each word costs. */
export const MAX_SEARCH_LENGTH = 200;

/** Refuses a request past its address's limit on expensive routes, saying how long to wait (Retry-After). */
export async function enforceExpensiveLimit(options: SiteRoutesOptions, ip: string): Promise<void> {
  const refused = await options.limitExpensive?.(ip);
  if (refused) {
    throw new AppError('TOO_MANY_REQUESTS', `Too many requests for feeds and searches from your address; try again in ${refused.retryAfterSeconds} seconds`, {
      details: { retryAfterSeconds: refused.retryAfterSeconds },
    });
  }
}

/** Pages may be kept a minute by a CDN or browser; a correction shows within that. */
const PAGE_CACHE = 'public, max-age=60';
const MAX_PAGE = 10_000;

type Query = Record<string, string | string[] | undefined>;

function firstString(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function sendHtml(reply: FastifyReply, parts: PagePart[]): FastifyReply {
  return sendPage(reply, parts, { cacheControl: PAGE_CACHE });
}

function parsePage(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^[1-9]\d{0,4}$/.test(text) || Number(text) > MAX_PAGE) throw notFound('That page');
  return Number(text);
}

function parseCursor(query: Query): Cursor | undefined {
  const text = firstString(query.after);
  if (text === undefined) return undefined;
  const cursor = decodeCursor(text);
  if (!cursor) throw new AppError('BAD_REQUEST', 'This page link is damaged; go back to the first page and follow the links from there.');
  return cursor;
}

export async function siteRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  const { context } = options;

  // No slug holds a control character, and PostgreSQL refuses a NUL in text outright (a 500 where SQLite finds
  // nothing): such an address is not found before any lookup. Added first, so the feed, AMP and sitemap routes have it too.
  app.addHook('preHandler', async (request) => {
    const { slug } = (request.params ?? {}) as { slug?: unknown };
    if (typeof slug === 'string' && /[\u0000-\u001f\u007f]/.test(slug)) throw notFound('That page');
  });

  async function home(request: { query: unknown; ip: string }, reply: FastifyReply, pageText?: string) {
    const site = options.site();
    const query = request.query as Query;
    const page = parsePage(pageText);
    const after = parseCursor(query);
    const searchText = firstString(query.s);
    const limit = site.settings.postsPerPage;

    if (searchText !== undefined) {
      const text = searchText.trim();
      if (text.length > MAX_SEARCH_LENGTH) {
        throw new AppError('BAD_REQUEST', `The search text is too long: at most ${MAX_SEARCH_LENGTH} characters, please`, { issues: [{ path: '/query/s', message: `must be at most ${MAX_SEARCH_LENGTH} characters` }] });
      }
      if (text) await enforceExpensiveLimit(options, request.ip);
      const result = text ? await readSearch(context, { text, limit, after }) : { items: [] };
      const title = text ? `Search results for “${text}”` : 'Search';
      const content = archiveContent(
        { title, page },
        result.items,
        pager({ base: '/', page, next: 'next' in result ? result.next : undefined, query: `s=${encodeURIComponent(text)}` }),
        text ? `No stories match “${text}”. Try fewer or different words.` : 'Type a word or a name to search the stories.',
      );
      return sendHtml(reply, layout(site, { title, isNoindex: true }, content, { searchText: text }));
    }

    // `/?p=123`, `/?cat=4`, `/?feed=rss2`: an old WordPress link, never the home page; the 404 path looks it up (site/not-found.ts).
    if (namesWordPressQuery(query)) throw notFound('That page');
    if (page === 1 && !after) {
      const data = await readHome(context, { limit });
      cacheAs(reply, [
        ...listTags({ kind: 'all' }),
        ...[data.lead, ...data.sticky, ...data.latest, ...data.sections.flatMap((s) => s.posts)].flatMap((card) => (card ? [cacheTags.post(card.id)] : [])),
        ...data.sections.map((s) => cacheTags.category(s.category.id)),
      ]);
      const head = listingHead(site, {
        title: site.settings.title,
        description: site.settings.tagline,
        canonical: '/',
        image: data.lead?.image,
        jsonLd: [webSiteJsonLd(site)],
      });
      return sendHtml(reply, layout(site, head, homeContent(site, data, pager({ base: '/', page, next: data.next }))));
    }
    const result = await readArchive(context, { scope: { kind: 'all' }, limit, after, page });
    if (result.items.length === 0) throw notFound('That page');
    cacheAs(reply, [...listTags({ kind: 'all' }), ...result.items.map((card) => cacheTags.post(card.id))]);
    const title = `Latest stories`;
    const head = listingHead(site, { title, description: site.settings.tagline, canonical: pageUrl('/', page) });
    return sendHtml(reply, layout(site, head, archiveContent({ title, page }, result.items, pager({ base: '/', page, next: result.next }), '')));
  }

  app.get('/', (request, reply) => home(request, reply));
  app.get<{ Params: { page: string } }>('/page/:page/', (request, reply) => home(request, reply, request.params.page));

  const archiveKinds = ['category', 'tag', 'author'] as const;
  for (const kind of archiveKinds) {
    const handler = async (request: { params: { slug: string; page?: string }; query: unknown }, reply: FastifyReply) => {
      const site = options.site();
      const page = parsePage(request.params.page);
      const after = parseCursor(request.query as Query);
      const found = await readArchivePage(context, { kind, slug: request.params.slug, limit: site.settings.postsPerPage, after, page });
      if (!found) {
        // A merged tag, or a term whose slug changed: old links lead to its page now.
        const movedTo = await findMovedArchive(context, kind, request.params.slug);
        if (movedTo === undefined) throw notFound('That archive');
        return reply.redirect(encodeURI(pageUrl(urls[kind](movedTo), page)), 301);
      }
      const { owner, image, page: result } = found;
      const { heading, base, description } = describeArchive(owner);
      if (result.items.length === 0 && page > 1) throw notFound('That page');
      cacheAs(reply, [
        ...listTags(scopeOf(owner)),
        ...(image ? [cacheTags.media(image.id)] : []),
        ...result.items.map((card) => cacheTags.post(card.id)),
      ]);
      const isPerson = owner.kind === 'author' || (owner.kind === 'tag' && owner.tag.kind === 'person');
      const head = listingHead(site, {
        title: heading.title,
        description: description ?? `${heading.title}: the latest stories from ${site.settings.title}`,
        canonical: pageUrl(base, page),
        image,
        feed: { title: heading.title, base },
        ogType: isPerson ? 'profile' : 'website',
        jsonLd: [
          ...(isPerson ? [profilePageJsonLd(site, { name: heading.title, path: base, description, image })] : []),
          breadcrumbsJsonLd(site, [{ name: heading.title, path: base }]),
        ],
      });
      const content = archiveContent({ ...heading, description, image, mediaBase: site.mediaBase, page }, result.items, pager({ base, page, next: result.next }), 'Nothing has been published here yet.');
      return sendHtml(reply, layout(site, head, content));
    };
    app.get<{ Params: { slug: string } }>(`/${kind}/:slug/`, handler);
    app.get<{ Params: { slug: string; page: string } }>(`/${kind}/:slug/page/:page/`, handler);
  }

  await app.register(feedRoutes, options);
  await app.register(ampRoutes, options);
  await app.register(sitemapRoutes, options);
  await app.register(protectedPostRoutes, options);

  app.get<{ Params: { slug: string } }>('/:slug/', async (request, reply) => {
    const site = options.site();
    const { slug } = request.params;
    // `?amp` and `?amp=1` are the AMP plugin's reader-mode addresses; `?noamp=mobile` (the way back) is the page itself.
    if ((request.query as Query).amp !== undefined) return answerAmp(options, slug, reply);
    const found = await readArticle(context, slug);
    if (!found) {
      // A slug changed in the newsroom keeps working: the old one answers 301 to the new.
      const moved = await findMovedPost(context, slug);
      if (moved) return reply.redirect(urls.post(moved), 301);
      throw notFound('That story');
    }
    if (found.post.isProtected) return answerProtected(options, request, reply, found);
    // The story, the newest others of its section under it: a change to either, or a new story in the section, is a new page.
    cacheAs(reply, [
      cacheTags.post(found.post.id),
      ...found.related.map((card) => cacheTags.post(card.id)),
      ...(found.post.kind === 'article' && found.post.categoryId !== null ? [cacheTags.list(changeLists.category(found.post.categoryId))] : []),
    ]);
    const ampUrl = site.settings.ampEnabled && found.post.kind === 'article' ? urls.amp(slug) : undefined;
    return sendHtml(reply, layout(site, { storedHtml: found.post.headHtml }, articleContent(found.post, found.related, ampUrl)));
  });

  // A draft as it will look, through the newsroom's private link: never indexed, never kept by a cache.
  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    // Loaded on the first preview: the editorial modules are the newsroom's, not the reading site's.
    const { readPreview } = await onFirstUse.preview();
    const preview = await readPreview(context, request.params.token);
    const parts = layout(options.site(), { storedHtml: Buffer.from(preview.fragments.headHtml) }, [Buffer.from(preview.fragments.articleHtml)]);
    return sendPage(reply, parts, { cacheControl: 'private, no-store', headers: { 'x-robots-tag': 'noindex, nofollow' } });
  });

  app.get('/favicon.ico', async (_request, reply) =>
    reply.header('content-type', 'image/svg+xml').header('cache-control', 'public, max-age=86400').send(siteIconSvg(options.site().settings.title)),
  );

  // WordPress answers /slug with a redirect to /slug/; so do we, keeping any query.
  // A name with a dot is a file (/apple-touch-icon.png), never a story: no redirect to a 404.
  app.get<{ Params: { slug: string } }>('/:slug', async (request, reply) => {
    if (request.params.slug.includes('.')) throw notFound('That file');
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`/${encodeURIComponent(request.params.slug)}/${query}`, 301);
  });
}

function describeArchive(owner: ArchiveOwner): {
  heading: { title: string; label: string };
  base: string;
  description: string | null;
} {
  switch (owner.kind) {
    case 'category':
      return {
        heading: { title: owner.category.name, label: 'Section' },
        base: urls.category(owner.category.slug),
        description: owner.category.description,
      };
    case 'tag': {
      const labels = { person: 'Person', organization: 'Organization', topic: 'Topic' } as const;
      return {
        heading: { title: owner.tag.name, label: labels[owner.tag.kind] },
        base: urls.tag(owner.tag.slug),
        description: owner.tag.description,
      };
    }
    case 'author':
      return {
        heading: { title: owner.user.name, label: 'Author' },
        base: urls.author(owner.user.slug),
        description: owner.user.bio,
      };
  }
}
