import { html, type SafeHtml } from '../../lib/html.js';
import type { Teaser } from '../../content/types.js';
import { picture } from '../../render/figure.js';
import type { SiteContext } from '../site-context.js';
import { urls } from '../urls.js';

const CARD_SIZES = '(min-width: 48rem) 22rem, 100vw';
const LEAD_SIZES = '(min-width: 48rem) 43rem, 100vw';

export function teaserCard(site: SiteContext, teaser: Teaser, options: { headingLevel?: 2 | 3; showExcerpt?: boolean } = {}): SafeHtml {
  const href = urls.post(teaser.slug);
  const heading = html`<a href="${href}">${teaser.title}</a>`;
  return html`<li class="teaser">${
    teaser.image ? html`<figure>${picture(teaser.image, { sizes: CARD_SIZES })}</figure>` : ''
  }${options.headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}${
    options.showExcerpt && teaser.excerpt ? html`<p>${teaser.excerpt}</p>` : ''
  }<p class="meta"><time datetime="${teaser.publishedAt}">${site.formatDate(teaser.publishedAt)}</time>${
    teaser.category ? html` · ${teaser.category.name}` : ''
  }</p></li>`;
}

export function teaserList(site: SiteContext, teasers: Teaser[], options: { showExcerpt?: boolean } = {}): SafeHtml {
  return html`<ul class="teasers">${teasers.map((t) => teaserCard(site, t, options))}</ul>`;
}

/** The home page's top story: the one image on the page that loads eagerly. */
export function leadStory(site: SiteContext, teaser: Teaser): SafeHtml {
  const href = urls.post(teaser.slug);
  return html`<article class="lead">${
    teaser.image ? html`<a href="${href}" tabindex="-1" aria-hidden="true">${picture(teaser.image, { sizes: LEAD_SIZES, isEager: true })}</a>` : ''
  }<div>${teaser.category ? html`<p class="kicker"><a href="${urls.category(teaser.category.slug)}">${teaser.category.name}</a></p>` : ''}<h2><a href="${href}">${
    teaser.title
  }</a></h2>${teaser.excerpt ? html`<p class="standfirst">${teaser.excerpt}</p>` : ''}<p class="byline">${
    teaser.authors.length > 0 ? html`By ${teaser.authors.map((a, i) => html`${i > 0 ? ', ' : ''}${a.name}`)} · ` : ''
  }<time datetime="${teaser.publishedAt}">${site.formatDate(teaser.publishedAt)}</time></p></div></article>`;
}
