import { html, jsonForScript, type SafeHtml } from '../lib/html.js';
import type { PageDetails, Teaser, TeaserImage } from '../content/types.js';
import { cropsOf } from '../content/media-paths.js';
import { largestImageUrl, mediaUrl, variantsOf } from './media-urls.js';
import { breadcrumbsJsonLd, newsArticleJsonLd } from './structured-data.js';
import type { RenderSite } from './render-site.js';
import { feedUrl, urls, type FeedFormat } from './urls.js';

export interface PageHead {
  /** The page's own title; the site name is appended. */
  title: string;
  description?: string;
  /** Site-relative or absolute canonical URL. */
  canonical?: string;
  isNoindex?: boolean;
  /** Extra <meta>/<link> tags: OpenGraph, alternates. */
  extra?: SafeHtml;
  jsonLd?: unknown[];
  /** An archive's own feeds, announced beside the site's: its title and base path (`/category/x/`). */
  feed?: { title: string; base: string };
}

const FEED_TYPES: Array<[FeedFormat, string]> = [
  ['rss', 'application/rss+xml'],
  ['atom', 'application/atom+xml'],
  ['json', 'application/feed+json'],
];

/** <link rel="alternate"> for each format of a feed, so readers and browsers find it from any page. */
function feedLinks(site: RenderSite, title: string, base: string): SafeHtml {
  return html`${FEED_TYPES.map(
    ([format, type]) => html`<link rel="alternate" type="${type}" title="${title}" href="${site.absolute(feedUrl(base, format))}">`,
  )}`;
}

/** Everything in <head> that belongs to the page: title, description, canonical link, sharing tags, structured data. */
export function renderHead(site: RenderSite, head: PageHead): string {
  const fullTitle = head.title === site.settings.title ? head.title : `${head.title} – ${site.settings.title}`;
  return html`<title>${fullTitle}</title>${head.description ? html`<meta name="description" content="${head.description}">` : ''}${
    head.canonical ? html`<link rel="canonical" href="${site.absolute(head.canonical)}">` : ''
  }<meta name="robots" content="${head.isNoindex ? 'noindex, follow' : 'max-image-preview:large'}">${feedLinks(site, site.settings.title, '/')}${
    head.feed ? feedLinks(site, `${head.feed.title} – ${site.settings.title}`, head.feed.base) : ''
  }${head.extra ?? ''}${(head.jsonLd ?? []).map(
    (data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>`,
  )}`.value;
}

/**
 * The picture link previews show: the 16:9 crop, 1,200 px wide, which every
 * network shows uncut; the largest rendition for images made before crops.
 */
function sharingImage(media: TeaserImage, base: string): { url: string; width: number; height: number } {
  const wide = cropsOf(media).find((crop) => crop.ratio === '16x9');
  if (wide) return { url: mediaUrl(wide.path, base), width: wide.width, height: wide.height };
  const largest = variantsOf(media, 'jpeg').at(-1);
  return { url: largestImageUrl(media, base), width: largest?.width ?? media.width, height: largest?.height ?? media.height };
}

function imageMeta(site: RenderSite, media: TeaserImage | null): SafeHtml {
  if (!media) return html``;
  const image = sharingImage(media, site.mediaBase);
  const url = site.absolute(image.url);
  return html`<meta property="og:image" content="${url}"><meta property="og:image:type" content="image/jpeg"><meta property="og:image:width" content="${
    image.width
  }"><meta property="og:image:height" content="${image.height}"><meta property="og:image:alt" content="${media.alt}"><meta name="twitter:image" content="${url}"><meta name="twitter:image:alt" content="${
    media.alt
  }">`;
}

/** OpenGraph and Twitter card tags every page shares. */
function sharingMeta(site: RenderSite, input: { type: string; title: string; description: string; url: string; image: TeaserImage | null }): SafeHtml {
  return html`<meta property="og:type" content="${input.type}"><meta property="og:site_name" content="${site.settings.title}"><meta property="og:title" content="${
    input.title
  }"><meta property="og:description" content="${input.description}"><meta property="og:url" content="${input.url}"><meta property="og:locale" content="${site.settings.language.replace(
    '-',
    '_',
  )}">${imageMeta(site, input.image)}<meta name="twitter:card" content="${input.image ? 'summary_large_image' : 'summary'}"><meta name="twitter:title" content="${
    input.title
  }"><meta name="twitter:description" content="${input.description}">`;
}

/**
 * The head of a post's page. The full page announces its mobile (AMP) version
 * when the site has one; the AMP page itself (`isAmp`) points back through its
 * canonical link, which AMP requires. A protected post has no mobile version
 * (`isProtected`): AMP has no place for its password form.
 */
export function articleHead(site: RenderSite, post: Teaser & PageDetails, options: { isAmp?: boolean; isProtected?: boolean } = {}): PageHead {
  const canonical = post.seo.canonicalUrl ?? site.absolute(urls.post(post.slug));
  const title = post.seo.title ?? post.title;
  const description = post.seo.description ?? post.summary;
  const isArticle = post.kind === 'article';
  const hasAmp = isArticle && site.settings.ampEnabled && !options.isAmp && !options.isProtected;
  const extra = html`${hasAmp ? html`<link rel="amphtml" href="${site.absolute(urls.amp(post.slug))}">` : ''}${sharingMeta(site, {
    type: isArticle ? 'article' : 'website',
    title,
    description,
    url: canonical,
    image: post.featuredMedia,
  })}${
    isArticle
      ? html`<meta property="article:published_time" content="${post.publishedAt}"><meta property="article:modified_time" content="${post.updatedAt}">${post.authors.map(
          (a) => html`<meta property="article:author" content="${site.absolute(urls.author(a.slug))}">`,
        )}${post.category ? html`<meta property="article:section" content="${post.category.name}">` : ''}${post.tags.map(
          (t) => html`<meta property="article:tag" content="${t.name}">`,
        )}`
      : ''
  }`;
  const trail = [...(isArticle && post.category ? [{ name: post.category.name, path: urls.category(post.category.slug) }] : []), { name: post.title, path: urls.post(post.slug) }];
  const jsonLd = isArticle ? [newsArticleJsonLd(site, post, { canonical, description }), breadcrumbsJsonLd(site, trail)] : [breadcrumbsJsonLd(site, trail)];
  return { title, description, canonical, isNoindex: post.seo.isNoindex, extra, jsonLd };
}

/** OpenGraph for pages that are not posts: home, archives; `ogType` "profile" for a person's page. */
export function listingHead(
  site: RenderSite,
  input: {
    title: string;
    description: string;
    canonical: string;
    isNoindex?: boolean;
    image?: TeaserImage | null;
    feed?: PageHead['feed'];
    ogType?: 'website' | 'profile';
    jsonLd?: unknown[];
  },
): PageHead {
  const extra = sharingMeta(site, {
    type: input.ogType ?? 'website',
    title: input.title,
    description: input.description,
    url: site.absolute(input.canonical),
    image: input.image ?? null,
  });
  return { title: input.title, description: input.description, canonical: input.canonical, isNoindex: input.isNoindex, extra, feed: input.feed, jsonLd: input.jsonLd };
}
