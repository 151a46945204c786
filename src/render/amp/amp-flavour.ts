import sanitizeHtml from 'sanitize-html';
import { attr, html, raw, type SafeHtml } from '../../lib/html.js';
import type { EmbedBlock } from '../../content/body.js';
import { EMBED_PROVIDER_NAMES, embedProvider, type EmbedProvider } from '../../content/embeds.js';
import type { Media, TeaserImage } from '../../content/types.js';
import type { BodyFlavour } from '../body-html.js';
import { figureAround, type FigureOptions } from '../figure.js';
import { mediaUrl, srcset, variantsOf } from '../media-urls.js';
import { sanitizeMarkup } from '../sanitize.js';

/** AMP components a page may use; each needs its script in <head>. */
export type AmpComponent = 'amp-youtube' | 'amp-twitter' | 'amp-instagram' | 'amp-tiktok';

const COMPONENT_FOR: Record<EmbedProvider, AmpComponent> = {
  youtube: 'amp-youtube',
  x: 'amp-twitter',
  instagram: 'amp-instagram',
  tiktok: 'amp-tiktok',
};

/**
 * An image as AMP wants it: amp-img with JPEG renditions (AMP has no
 * <picture>), sized so the layout never shifts. It is written already laid
 * out ("server-side rendered", as AMP caches serve pages): the sizer that
 * reserves its height and the <img> itself are in the HTML, so the picture
 * shows without waiting for the AMP runtime. The picture above the fold is
 * marked data-hero, which AMP allows for the first two images.
 */
export function ampImage(media: TeaserImage, options: Pick<FigureOptions, 'isEager' | 'mediaBase'> = {}): SafeHtml {
  const jpeg = variantsOf(media, 'jpeg');
  const fallback = jpeg.find((v) => v.width >= 800) ?? jpeg[jpeg.length - 1];
  const src = mediaUrl(fallback ? fallback.path : media.path, options.mediaBase);
  const set = jpeg.length > 0 ? srcset(jpeg, options.mediaBase) : null;
  const ratio = ((media.height / media.width) * 100).toFixed(4);
  return html`<amp-img class="i-amphtml-layout-responsive i-amphtml-layout-size-defined" i-amphtml-layout="responsive" i-amphtml-ssr src="${src}"${attr(
    'srcset',
    set,
  )} width="${media.width}" height="${media.height}" layout="responsive" alt="${media.alt}"${
    options.isEager ? raw(' data-hero') : ''
  }><i-amphtml-sizer slot="i-amphtml-svc" style="display:block;padding-top:${ratio}%"></i-amphtml-sizer><img class="i-amphtml-fill-content i-amphtml-replaced-content" decoding="async"${
    options.isEager ? raw(' fetchpriority="high"') : raw(' loading="lazy"')
  } alt="${media.alt}" src="${src}"${attr('srcset', set)}></amp-img>`;
}

export function ampFigure(media: Media, options: FigureOptions = {}): SafeHtml {
  return figureAround(media, ampImage(media, options), options);
}

function ampEmbed(block: EmbedBlock, used: Set<AmpComponent>): SafeHtml {
  const target = embedProvider(block.url);
  const caption = block.caption ? html`<figcaption>${block.caption}</figcaption>` : '';
  const link = html`<a href="${block.url}" rel="noopener">View on ${target ? EMBED_PROVIDER_NAMES[target.provider] : 'the original site'}</a>`;
  if (!target) return html`<figure class="embed embed--link"><p>${link}</p>${caption}</figure>`;
  used.add(COMPONENT_FOR[target.provider]);
  // Each component shows a placeholder link until the provider's frame loads, so the page reads without it.
  const component = {
    youtube: html`<amp-youtube data-videoid="${target.id}" layout="responsive" width="16" height="9"></amp-youtube>`,
    x: html`<amp-twitter data-tweetid="${target.id}" layout="responsive" width="375" height="472"><blockquote placeholder><p>${link}</p></blockquote></amp-twitter>`,
    instagram: html`<amp-instagram data-shortcode="${target.id}" data-captioned layout="responsive" width="400" height="400"></amp-instagram>`,
    tiktok: html`<amp-tiktok data-src="${target.id}" layout="fixed-height" height="575"><div placeholder><p>${link}</p></div></amp-tiktok>`,
  }[target.provider];
  return html`<figure class="embed embed--${target.provider}">${component}${caption}</figure>`;
}

/**
 * Raw-HTML blocks, already through the site's allow-list, made AMP-valid: an
 * <img> with known dimensions becomes amp-img, one without is dropped (AMP
 * needs the size), and <picture>/<source> give way to their content.
 */
const AMP_MARKUP: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'figure', 'figcaption', 'amp-img', 'del', 'ins', 'sup', 'sub', 'details', 'summary'],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'rel'],
    'amp-img': ['src', 'srcset', 'alt', 'width', 'height', 'layout'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    '*': ['id', 'lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  transformTags: {
    // An <img> left as <img> is not in the list above, so it is dropped.
    img: (tagName, attribs) =>
      /^\d+$/.test(attribs.width ?? '') && /^\d+$/.test(attribs.height ?? '')
        ? { tagName: 'amp-img', attribs: { ...attribs, layout: 'responsive' } }
        : { tagName, attribs },
  },
};

export function ampMarkup(untrusted: string): SafeHtml {
  return raw(sanitizeHtml(sanitizeMarkup(untrusted), AMP_MARKUP));
}

/** The body flavour for the mobile version; `used` collects the components the page needs scripts for. */
export function ampFlavour(used: Set<AmpComponent>): BodyFlavour {
  return {
    figure: ampFigure,
    embed: (block) => ampEmbed(block, used),
    html: (block) => ampMarkup(block.html),
  };
}
