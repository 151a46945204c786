import { html, type SafeHtml } from '../../lib/html.js';
import type { CardRow, PostPage, TeaserImage } from '../../content/types.js';
import type { HomeRead } from '../../operations/read-site.js';
import { picture } from '../../render/figure.js';
import { urls } from '../../render/urls.js';
import type { SiteContext } from '../site-context.js';
import type { PagePart } from './layout.js';
import { leadStory, teaserList } from './teaser.js';

export function homeContent(site: SiteContext, home: HomeRead, pagerHtml: SafeHtml): PagePart[] {
  if (!home.lead) {
    return [html`<h1>${site.settings.title}</h1><p class="empty">No stories have been published yet. Check back soon.</p>`.value];
  }
  const parts: PagePart[] = [html`<h1 class="vh">${site.settings.title}</h1>`.value, leadStory(site, home.lead)];
  const latest = [...home.sticky, ...home.latest];
  if (latest.length > 0) parts.push('<section class="section" aria-labelledby="latest"><h2 id="latest">Latest stories</h2>', ...teaserList(latest), '</section>');
  parts.push(pagerHtml.value);
  for (const section of home.sections) {
    const id = `section-${section.category.slug}`;
    parts.push(
      html`<section class="section" aria-labelledby="${id}"><h2 id="${id}"><a href="${urls.category(section.category.slug)}">${section.category.name}</a></h2>`.value,
      ...teaserList(section.posts),
      '</section>',
    );
  }
  return parts;
}

export interface ArchiveHeading {
  /** "Celebrity", "Kanye West", "Search results for …" */
  title: string;
  /** Small line above the title: "Category", "Person", "Author". */
  label?: string;
  description?: string | null;
  image?: TeaserImage | null;
  /** The site's media base, for the image (RenderSite.mediaBase). */
  mediaBase?: string;
  page: number;
}

export function archiveContent(heading: ArchiveHeading, items: CardRow[], pagerHtml: SafeHtml, emptyText: string): PagePart[] {
  const head = html`<header class="archive-head">${heading.image ? picture(heading.image, { sizes: '96px', isEager: true, mediaBase: heading.mediaBase }) : ''}${
    heading.label ? html`<p class="kicker">${heading.label}</p>` : ''
  }<h1>${heading.title}${heading.page > 1 ? html` <small>(page ${heading.page})</small>` : ''}</h1>${
    heading.description ? html`<p class="standfirst">${heading.description}</p>` : ''
  }</header>`.value;
  const list = items.length > 0 ? teaserList(items) : [html`<p class="empty">${emptyText}</p>`.value];
  return [head, ...list, pagerHtml.value];
}

/**
 * An article page: the stored article, its comments, a link to its mobile
 * version (shown on small screens only, as the WordPress AMP plugin does),
 * then more stories from its section.
 */
export function articleContent(post: Pick<PostPage, 'articleHtml' | 'commentsHtml' | 'categoryName'>, related: CardRow[], ampUrl?: string): PagePart[] {
  const parts: PagePart[] = [post.articleHtml];
  if (post.commentsHtml.length > 0) parts.push(post.commentsHtml);
  if (ampUrl) parts.push(html`<p class="mobile-version"><a href="${ampUrl}">Go to mobile version</a></p>`.value);
  if (related.length > 0) {
    parts.push(
      html`<aside class="related" aria-labelledby="related-heading"><h2 id="related-heading">More in ${post.categoryName ?? 'this section'}</h2>`.value,
      ...teaserList(related),
      '</aside>',
    );
  }
  return parts;
}

export function errorContent(input: { title: string; message: string }): SafeHtml {
  return html`<div class="article"><h1>${input.title}</h1><p class="standfirst">${input.message}</p><p><a href="/">Go to the home page</a> or search above.</p></div>`;
}
