import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../lib/errors.js';
import { readFeed } from '../../operations/read-feed.js';
import { scopeOf, type ArchiveOwner } from '../../operations/read-site.js';
import { feedUrl, type FeedFormat } from '../../render/urls.js';
import { enforceExpensiveLimit, type SiteRoutesOptions } from '../routes.js';
import { sendConditional } from './conditional-get.js';
import { onFirstUse } from '../../on-first-use.js';
import { cacheAs } from '../../response-cache/serve-cached.js';
import { cacheTags, listTags } from '../../response-cache/cache-tags.js';

/** Feeds may be kept a minute by a CDN or feed reader, as pages are. */
const FEED_CACHE = 'public, max-age=60';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const ARCHIVE_KINDS: Array<ArchiveOwner['kind']> = ['category', 'tag', 'author'];

/** WordPress's other feed addresses, which old subscriptions still poll; each answers with a redirect to the RSS feed. */
const RSS_ALIASES = ['feed/rss2/', 'feed/rss/', 'feed/rdf/'];

/** The site's feeds, and each archive's: RSS, Atom and JSON Feed at the addresses feedUrl() gives. */
export async function feedRoutes(app: FastifyInstance, options: SiteRoutesOptions): Promise<void> {
  const { context } = options;

  async function answer(request: FastifyRequest, reply: FastifyReply, format: FeedFormat, archive?: { kind: ArchiveOwner['kind']; slug: string }) {
    await enforceExpensiveLimit(options, request.ip);
    const site = options.site();
    const read = await readFeed(context, { archive, isFullText: site.settings.feedContent === 'full' });
    if (!read) throw notFound('That archive');
    const { owner } = read;
    cacheAs(reply, [
      ...listTags(owner ? scopeOf(owner) : { kind: 'all' }),
      ...read.stories.map((story) => cacheTags.post(story.teaser.id)),
    ]);
    const { feedDocument, FEED_WRITERS } = await onFirstUse.feedWriters();
    const feed = feedDocument(site, read);
    return sendConditional(request, reply, { body: FEED_WRITERS[format](feed), contentType: CONTENT_TYPES[format], cacheControl: FEED_CACHE, lastModified: feed.updatedAt });
  }

  for (const format of Object.keys(CONTENT_TYPES) as FeedFormat[]) {
    app.get(feedUrl('/', format), (request, reply) => answer(request, reply, format));
    for (const kind of ARCHIVE_KINDS) {
      app.get<{ Params: { slug: string } }>(feedUrl(`/${kind}/:slug/`, format), (request, reply) =>
        answer(request, reply, format, { kind, slug: request.params.slug }),
      );
    }
  }

  for (const alias of RSS_ALIASES) {
    app.get(`/${alias}`, (_request, reply) => reply.redirect(feedUrl('/', 'rss'), 301));
    for (const kind of ARCHIVE_KINDS) {
      app.get<{ Params: { slug: string } }>(`/${kind}/:slug/${alias}`, (request, reply) =>
        reply.redirect(feedUrl(`/${kind}/${encodeURIComponent(request.params.slug)}/`, 'rss'), 301),
      );
    }
  }
}
