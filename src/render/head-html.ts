import { html, jsonForScript, type SafeHtml } from '../lib/html.js';
import type { PageDetails, Teaser, TeaserImage } from '../content/types.js';
import { largestImageUrl, mediaUrl, variantsOf } from './media-urls.js';
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

/** The publisher as schema.org sees it; Google wants the logo on every article. */
export function publisherJsonLd(site: RenderSite) {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.settings.title,
    url: site.absolute('/'),
    ...(site.logo
      ? { logo: { '@type': 'ImageObject', url: site.absolute(mediaUrl(site.logo.path)), width: site.logo.width, height: site.logo.height } }
      : {}),
  };
}

function imageMeta(site: RenderSite, media: TeaserImage | null): SafeHtml {
  if (!media) return html``;
  const largest = variantsOf(media, 'jpeg').at(-1);
  return html`<meta property="og:image" content="${site.absolute(largestImageUrl(media))}"><meta property="og:image:width" content="${
    largest?.width ?? media.width
  }"><meta property="og:image:height" content="${largest?.height ?? media.height}"><meta property="og:image:alt" content="${
    media.alt
  }"><meta name="twitter:image" content="${site.absolute(largestImageUrl(media))}">`;
}

/**
 * The head of a post's page. The full page announces its mobile (AMP) version
 * when the site has one; the AMP page itself (`isAmp`) points back through its
 * canonical link, which AMP requires.
 */
export function articleHead(site: RenderSite, post: Teaser & PageDetails, options: { isAmp?: boolean } = {}): PageHead {
  const canonical = post.seo.canonicalUrl ?? site.absolute(urls.post(post.slug));
  const title = post.seo.title ?? post.title;
  const description = post.seo.description ?? post.summary;
  const image = post.featuredMedia;
  const isArticle = post.kind === 'article';
  const hasAmp = isArticle && site.settings.ampEnabled && !options.isAmp;
  const extra = html`${hasAmp ? html`<link rel="amphtml" href="${site.absolute(urls.amp(post.slug))}">` : ''}<meta property="og:type" content="${isArticle ? 'article' : 'website'}"><meta property="og:site_name" content="${
    site.settings.title
  }"><meta property="og:title" content="${title}"><meta property="og:description" content="${description}"><meta property="og:url" content="${canonical}"><meta property="og:locale" content="${site.settings.language.replace(
    '-',
    '_',
  )}">${imageMeta(site, image)}${
    isArticle
      ? html`<meta property="article:published_time" content="${post.publishedAt}"><meta property="article:modified_time" content="${post.updatedAt}">${
          post.category ? html`<meta property="article:section" content="${post.category.name}">` : ''
        }${post.tags.map((t) => html`<meta property="article:tag" content="${t.name}">`)}`
      : ''
  }<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}"><meta name="twitter:title" content="${title}"><meta name="twitter:description" content="${description}">`;

  const jsonLd = isArticle
    ? [
        {
          '@context': 'https://schema.org',
          '@type': 'NewsArticle',
          headline: post.title.slice(0, 110),
          description,
          ...(image ? { image: [site.absolute(largestImageUrl(image))] } : {}),
          datePublished: post.publishedAt,
          dateModified: post.updatedAt,
          author: post.authors.map((a) => ({ '@type': 'Person', name: a.name, url: site.absolute(urls.author(a.slug)) })),
          publisher: publisherJsonLd(site),
          mainEntityOfPage: { '@type': 'WebPage', '@id': canonical },
          ...(post.category ? { articleSection: post.category.name } : {}),
          ...(post.tags.length > 0 ? { keywords: post.tags.map((t) => t.name) } : {}),
          inLanguage: site.settings.language,
        },
      ]
    : [];
  return { title, description, canonical, isNoindex: post.seo.isNoindex, extra, jsonLd };
}

/** OpenGraph for pages that are not articles: home, archives. */
export function listingHead(
  site: RenderSite,
  input: { title: string; description: string; canonical: string; isNoindex?: boolean; image?: TeaserImage | null; feed?: PageHead['feed'] },
): PageHead {
  const url = site.absolute(input.canonical);
  const extra = html`<meta property="og:type" content="website"><meta property="og:site_name" content="${site.settings.title}"><meta property="og:title" content="${
    input.title
  }"><meta property="og:description" content="${input.description}"><meta property="og:url" content="${url}">${imageMeta(
    site,
    input.image ?? null,
  )}<meta name="twitter:card" content="summary">`;
  return { title: input.title, description: input.description, canonical: input.canonical, isNoindex: input.isNoindex, extra, feed: input.feed };
}
