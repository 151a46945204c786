import { html, type SafeHtml } from '../../lib/html.js';
import type { Media, Teaser } from '../../content/types.js';
import type { HomeRead } from '../../operations/read-site.js';
import { picture } from '../../render/figure.js';
import type { SiteContext } from '../site-context.js';
import { urls } from '../urls.js';
import { leadStory, teaserList } from './teaser.js';

export function homeContent(site: SiteContext, home: HomeRead, pagerHtml: SafeHtml): SafeHtml {
  if (!home.lead) {
    return html`<h1>${site.settings.title}</h1><p class="empty">No stories have been published yet. Check back soon.</p>`;
  }
  return html`<h1 class="vh">${site.settings.title}</h1>${leadStory(site, home.lead)}${
    home.latest.length > 0 ? html`<section class="section" aria-labelledby="latest"><h2 id="latest">Latest stories</h2>${teaserList(site, home.latest)}</section>` : ''
  }${pagerHtml}${home.sections.map(
    (section) =>
      html`<section class="section" aria-labelledby="section-${section.category.slug}"><h2 id="section-${section.category.slug}"><a href="${urls.category(
        section.category.slug,
      )}">${section.category.name}</a></h2>${teaserList(site, section.posts)}</section>`,
  )}`;
}

export interface ArchiveHeading {
  /** "Celebrity", "Kanye West", "Search results for …" */
  title: string;
  /** Small line above the title: "Category", "Person", "Author". */
  label?: string;
  description?: string | null;
  image?: Media | null;
  page: number;
}

export function archiveContent(site: SiteContext, heading: ArchiveHeading, items: Teaser[], pagerHtml: SafeHtml, emptyText: string): SafeHtml {
  return html`<header class="archive-head">${heading.image ? picture(heading.image, { sizes: '96px', isEager: true }) : ''}${
    heading.label ? html`<p class="kicker">${heading.label}</p>` : ''
  }<h1>${heading.title}${heading.page > 1 ? html` <small>(page ${heading.page})</small>` : ''}</h1>${
    heading.description ? html`<p class="standfirst">${heading.description}</p>` : ''
  }</header>${items.length > 0 ? teaserList(site, items, { showExcerpt: true }) : html`<p class="empty">${emptyText}</p>`}${pagerHtml}`;
}

export function errorContent(input: { title: string; message: string }): SafeHtml {
  return html`<div class="article"><h1>${input.title}</h1><p class="standfirst">${input.message}</p><p><a href="/">Go to the home page</a> or search above.</p></div>`;
}
