import { attr, html, type SafeHtml } from '../lib/html.js';
import type { Media, TeaserImage } from '../content/types.js';
import { creditLine, mediaUrl, srcset, variantsOf } from './media-urls.js';

/** The article column is at most 720 CSS px wide; below that the image fills the screen. */
export const ARTICLE_IMAGE_SIZES = '(min-width: 48rem) 45rem, 100vw';

export interface FigureOptions {
  /** Overrides the media's own caption; an empty string hides it. */
  caption?: string | null;
  /** Above the fold: load at once and with high priority instead of lazily. */
  isEager?: boolean;
  sizes?: string;
  className?: string;
  /** The site's media base (RenderSite.mediaBase); this server's /media/ when not given. */
  mediaBase?: string;
}

/** <picture> with AVIF, WebP and JPEG sources; width and height reserve the space so nothing shifts. */
export function picture(media: TeaserImage, options: Pick<FigureOptions, 'isEager' | 'sizes' | 'mediaBase'> = {}): SafeHtml {
  const sizes = options.sizes ?? ARTICLE_IMAGE_SIZES;
  const base = options.mediaBase;
  const avif = variantsOf(media, 'avif');
  const webp = variantsOf(media, 'webp');
  const jpeg = variantsOf(media, 'jpeg');
  const fallback = jpeg.find((v) => v.width >= 800) ?? jpeg[jpeg.length - 1];
  return html`<picture>${avif.length > 0 ? html`<source type="image/avif" srcset="${srcset(avif, base)}" sizes="${sizes}">` : ''}${
    webp.length > 0 ? html`<source type="image/webp" srcset="${srcset(webp, base)}" sizes="${sizes}">` : ''
  }<img src="${mediaUrl(fallback ? fallback.path : media.path, base)}"${attr('srcset', jpeg.length > 0 ? srcset(jpeg, base) : null)}${attr(
    'sizes',
    jpeg.length > 0 ? sizes : null,
  )} width="${media.width}" height="${media.height}" alt="${media.alt}"${
    options.isEager ? html` fetchpriority="high"` : html` loading="lazy"`
  } decoding="async"></picture>`;
}

export function figure(media: Media, options: FigureOptions = {}): SafeHtml {
  return figureAround(media, picture(media, options), options);
}

/** A picture in <figure> with its caption and "photographer / agency" credit: the part every format shares. */
export function figureAround(media: Media, image: SafeHtml, options: FigureOptions): SafeHtml {
  const caption = options.caption !== undefined ? options.caption : media.caption;
  const credit = creditLine(media);
  const hasCaption = Boolean(caption && caption.trim());
  return html`<figure class="${options.className ?? 'figure'}">${image}${
    hasCaption || credit
      ? html`<figcaption>${hasCaption ? html`<span class="caption">${caption}</span>` : ''}${
          credit ? html` <span class="credit">${credit}</span>` : ''
        }</figcaption>`
      : ''
  }</figure>`;
}
