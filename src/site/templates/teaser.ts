import { html } from '../../lib/html.js';
import type { CardRow, Teaser } from '../../content/types.js';
import { picture } from '../../render/figure.js';
import { urls } from '../../render/urls.js';
import type { SiteContext } from '../site-context.js';
import type { PagePart } from './layout.js';

const LEAD_SIZES = '(min-width: 48rem) 43rem, 100vw';

/** A list of stories: their stored cards, as they are. */
export function teaserList(cards: CardRow[]): PagePart[] {
  return ['<ul class="teasers">', ...cards.map((card) => card.html), '</ul>'];
}

/** The home page's top story: the one image on the page that loads eagerly. */
export function leadStory(site: SiteContext, teaser: Teaser): string {
  const href = urls.post(teaser.slug);
  return html`<article class="lead">${
    teaser.image ? html`<a href="${href}" tabindex="-1" aria-hidden="true">${picture(teaser.image, { sizes: LEAD_SIZES, isEager: true, mediaBase: site.mediaBase })}</a>` : ''
  }<div>${teaser.category ? html`<p class="kicker"><a href="${urls.category(teaser.category.slug)}">${teaser.category.name}</a></p>` : ''}<h2><a href="${href}">${
    teaser.title
  }</a></h2>${teaser.excerpt ? html`<p class="standfirst">${teaser.excerpt}</p>` : ''}<p class="byline">${
    teaser.authors.length > 0 ? html`By ${teaser.authors.map((a, i) => html`${i > 0 ? ', ' : ''}${a.name}`)} · ` : ''
  }<time datetime="${teaser.publishedAt}">${site.formatDate(teaser.publishedAt)}</time></p></div></article>`.value;
}
