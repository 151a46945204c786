import type { FeedStory } from '../../content/store-feeds.js';
import type { Media } from '../../content/types.js';
import type { FeedRead } from '../../operations/read-feed.js';
import type { ArchiveOwner } from '../../operations/read-site.js';
import { creditLine, largestImageUrl, mediaUrl, variantsOf } from '../../render/media-urls.js';
import { feedUrl, urls, type FeedFormat } from '../../render/urls.js';
import type { SiteContext } from '../site-context.js';
import { feedContentHtml } from './feed-content.js';

/**
 * A feed as every format sees it: addresses absolute, content ready, dates
 * still ISO-8601 UTC (each format writes them its own way, in `timezone`).
 */
export interface FeedDocument {
  title: string;
  /** The site's name: who publishes the feed, and the byline of a story that has none. */
  publisher: string;
  description: string;
  /** BCP 47. */
  language: string;
  /** IANA zone the dates are written in. */
  timezone: string;
  /** The page the feed follows: the home page or the archive. */
  pageUrl: string;
  /** The feed's own address in each format. */
  selfUrl: Record<FeedFormat, string>;
  logoUrl: string | null;
  /** The newest update among the stories; null for an empty feed. */
  updatedAt: string | null;
  entries: FeedEntry[];
}

export interface FeedEntry {
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** The whole story as HTML, or null when the site's feeds carry summaries only. */
  contentHtml: string | null;
  publishedAt: string;
  updatedAt: string;
  authors: Array<{ name: string; url: string }>;
  /** The section first, then the tags; `scheme` is the address their archives live under. */
  categories: Array<{ term: string; label: string; scheme: string }>;
  image: FeedImage | null;
}

export interface FeedImage {
  url: string;
  mimeType: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  /** "DFree / Shutterstock.com". */
  credit: string | null;
}

export function feedDocument(site: SiteContext, read: FeedRead): FeedDocument {
  const archive = read.owner ? describeOwner(read.owner) : undefined;
  const base = archive?.base ?? urls.home();
  const siteTitle = site.settings.title;
  const entries = read.stories.map((story) => feedEntry(site, story));
  const updatedAt = entries.reduce<string | null>((newest, entry) => (newest === null || entry.updatedAt > newest ? entry.updatedAt : newest), null);
  return {
    // The same title the discovery links announce, so a reader lists the feed under the name it was offered.
    title: archive ? `${archive.name} – ${siteTitle}` : siteTitle,
    publisher: siteTitle,
    description: archive ? (archive.description ?? `${archive.name}: the latest stories from ${siteTitle}`) : site.settings.tagline,
    language: site.settings.language,
    timezone: site.settings.timezone,
    pageUrl: site.absolute(base),
    selfUrl: { rss: site.absolute(feedUrl(base, 'rss')), atom: site.absolute(feedUrl(base, 'atom')), json: site.absolute(feedUrl(base, 'json')) },
    logoUrl: site.logo ? site.absolute(mediaUrl(site.logo.path, site.mediaBase)) : null,
    updatedAt,
    entries,
  };
}

function describeOwner(owner: ArchiveOwner): { name: string; base: string; description: string | null } {
  switch (owner.kind) {
    case 'category':
      return { name: owner.category.name, base: urls.category(owner.category.slug), description: owner.category.description };
    case 'tag':
      return { name: owner.tag.name, base: urls.tag(owner.tag.slug), description: owner.tag.description };
    case 'author':
      return { name: owner.user.name, base: urls.author(owner.user.slug), description: owner.user.bio };
  }
}

function feedEntry(site: SiteContext, story: FeedStory): FeedEntry {
  const { teaser, details } = story;
  const url = site.absolute(urls.post(teaser.slug));
  const section = teaser.category
    ? [{ term: teaser.category.slug, label: teaser.category.name, scheme: site.absolute(archiveRoot(urls.category)) }]
    : [];
  return {
    url,
    title: teaser.title,
    summary: details.summary,
    contentHtml: story.bodyHtml === null ? null : feedContentHtml({ bodyHtml: story.bodyHtml, details, articleUrl: url, mediaBase: site.mediaBase }),
    publishedAt: teaser.publishedAt,
    updatedAt: teaser.updatedAt,
    authors: teaser.authors.map((author) => ({ name: author.name, url: site.absolute(urls.author(author.slug)) })),
    categories: [...section, ...details.tags.map((tag) => ({ term: tag.slug, label: tag.name, scheme: site.absolute(archiveRoot(urls.tag)) }))],
    image: details.featuredMedia ? feedImage(site, details.featuredMedia) : null,
  };
}

/** `/category/` from the shape of `/category/{slug}/`: where a kind of archive lives, as a category scheme. */
function archiveRoot(archiveUrl: (slug: string) => string): string {
  return archiveUrl('').replace(/\/+$/, '/');
}

function feedImage(site: SiteContext, media: Media): FeedImage {
  const largest = variantsOf(media, 'jpeg').at(-1);
  return {
    url: site.absolute(largestImageUrl(media, site.mediaBase)),
    mimeType: largest ? 'image/jpeg' : media.mimeType,
    width: largest?.width ?? media.width,
    height: largest?.height ?? media.height,
    alt: media.alt,
    caption: media.caption,
    credit: creditLine(media),
  };
}
