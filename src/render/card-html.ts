import { html } from '../lib/html.js';
import type { Teaser } from '../content/types.js';
import { picture } from './figure.js';
import type { RenderSite } from './render-site.js';
import { urls } from './urls.js';

const CARD_SIZES = '(min-width: 48rem) 22rem, 100vw';

/**
 * A story as lists show it: picture, headline, standfirst, date and section.
 * Rendered when the post is saved and stored with it, so a list of stories
 * is the concatenation of stored cards.
 */
export function renderCard(site: RenderSite, teaser: Omit<Teaser, 'id'>): string {
  const href = urls.post(teaser.slug);
  return html`<li class="teaser">${teaser.image ? html`<figure>${picture(teaser.image, { sizes: CARD_SIZES, mediaBase: site.mediaBase })}</figure>` : ''}<h3><a href="${href}">${
    teaser.title
  }</a></h3>${teaser.excerpt ? html`<p>${teaser.excerpt}</p>` : ''}<p class="meta"><time datetime="${teaser.publishedAt}">${site.formatDate(
    teaser.publishedAt,
  )}</time>${teaser.category ? html` · ${teaser.category.name}` : ''}</p></li>`.value;
}
