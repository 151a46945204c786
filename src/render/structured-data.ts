import type { PageDetails, Teaser, TeaserImage } from '../content/types.js';
import { cropsOf, variantsOf } from '../content/media-paths.js';
import { largestImageUrl, mediaUrl } from './media-urls.js';
import type { RenderSite } from './render-site.js';
import { urls } from './urls.js';

/**
 * schema.org JSON-LD, as Google documents it for news sites: NewsArticle,
 * BreadcrumbList, ProfilePage and WebSite. Builders return plain objects;
 * render/head-html.ts writes them into the page.
 */

/** The publisher as schema.org sees it; Google wants the logo on every article. */
export function publisherJsonLd(site: RenderSite) {
  return {
    '@type': 'NewsMediaOrganization',
    name: site.settings.title,
    url: site.absolute('/'),
    ...(site.logo
      ? { logo: { '@type': 'ImageObject', url: site.absolute(mediaUrl(site.logo.path, site.mediaBase)), width: site.logo.width, height: site.logo.height } }
      : {}),
  };
}

/**
 * An image as Google wants it for an article: the 1:1, 4:3 and 16:9 crops,
 * each 1,200 px wide; an image stored before crops were made gives its largest rendition.
 */
export function articleImages(site: RenderSite, media: TeaserImage) {
  const crops = cropsOf(media);
  if (crops.length > 0) {
    return [...crops].reverse().map((crop) => ({ '@type': 'ImageObject', url: site.absolute(mediaUrl(crop.path, site.mediaBase)), width: crop.width, height: crop.height }));
  }
  const largest = variantsOf(media, 'jpeg').at(-1);
  return [{ '@type': 'ImageObject', url: site.absolute(largestImageUrl(media, site.mediaBase)), width: largest?.width ?? media.width, height: largest?.height ?? media.height }];
}

export function newsArticleJsonLd(site: RenderSite, post: Teaser & PageDetails, input: { canonical: string; description: string }) {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: post.title.slice(0, 110),
    description: input.description,
    ...(post.featuredMedia ? { image: articleImages(site, post.featuredMedia) } : {}),
    datePublished: post.publishedAt,
    dateModified: post.updatedAt,
    author: post.authors.map((a) => ({ '@type': 'Person', name: a.name, url: site.absolute(urls.author(a.slug)) })),
    publisher: publisherJsonLd(site),
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.canonical },
    ...(post.category ? { articleSection: post.category.name } : {}),
    ...(post.tags.length > 0 ? { keywords: post.tags.map((t) => t.name) } : {}),
    // People the story is about, so search engines can tie it to them.
    ...(post.tags.some((t) => t.kind === 'person')
      ? { about: post.tags.filter((t) => t.kind === 'person').map((t) => ({ '@type': 'Person', name: t.name, url: site.absolute(urls.tag(t.slug)) })) }
      : {}),
    inLanguage: site.settings.language,
  };
}

/** Home › … › this page, each step a page of the site. */
export function breadcrumbsJsonLd(site: RenderSite, trail: Array<{ name: string; path: string }>) {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: [{ name: site.settings.title, path: '/' }, ...trail].map((step, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: step.name,
      item: site.absolute(step.path),
    })),
  };
}

/** An author's or a person's page: Google's ProfilePage, whose main entity is the person. */
export function profilePageJsonLd(
  site: RenderSite,
  person: { name: string; path: string; description: string | null; image: TeaserImage | null },
) {
  const url = site.absolute(person.path);
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url,
    mainEntity: {
      '@type': 'Person',
      name: person.name,
      url,
      ...(person.description ? { description: person.description } : {}),
      ...(person.image ? { image: site.absolute(largestImageUrl(person.image, site.mediaBase)) } : {}),
    },
  };
}

/** The home page: the site, how to search it, and who publishes it. */
export function webSiteJsonLd(site: RenderSite) {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: site.settings.title,
    url: site.absolute('/'),
    inLanguage: site.settings.language,
    publisher: publisherJsonLd(site),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: `${site.absolute('/')}?s={search_term_string}` },
      'query-input': 'required name=search_term_string',
    },
  };
}
