import { attr, html, raw, type SafeHtml } from '../lib/html.js';
import { slugify } from '../lib/slug.js';
import type { Block, BodyDocument, EmbedBlock, HtmlBlock, QuoteBlock } from '../content/body.js';
import { EMBED_PROVIDER_NAMES, embedProvider } from '../content/embeds.js';
import type { Media } from '../content/types.js';
import { figure, type FigureOptions } from './figure.js';
import { inlineHtml, inlineText } from './inline.js';
import { sanitizedHtml } from './sanitize.js';

export interface BodyRenderContext {
  /** Every media item the body refers to, by id. */
  media: ReadonlyMap<number, Media>;
  /** The featured image loads eagerly when the body shows it; every other image is lazy. */
  featuredMediaId?: number | null;
  /** The site's media base (RenderSite.mediaBase): MEDIA_MARK for the stored body. */
  mediaBase?: string;
}

/**
 * How the blocks that differ between formats are written: pictures, embeds
 * and raw HTML. The article page uses the site's own; the mobile (AMP) version
 * swaps in AMP components (render/amp/).
 */
export interface BodyFlavour {
  figure(media: Media, options: FigureOptions): SafeHtml;
  embed(block: EmbedBlock): SafeHtml;
  html(block: HtmlBlock): SafeHtml;
}

export const SITE_FLAVOUR: BodyFlavour = { figure, embed, html: (block) => sanitizedHtml(block.html) };

/**
 * The body document as HTML for the article page. Called when a post is saved
 * (the result is stored with it) and whenever what it shows changes, not on
 * each request.
 */
export function renderBodyHtml(body: BodyDocument, context: BodyRenderContext, flavour: BodyFlavour = SITE_FLAVOUR): string {
  const headingIds = new Set<string>();
  let out = '';
  for (const block of body) out += renderBlock(block, context, flavour, headingIds).value;
  return out;
}

/** An id for a heading's #anchor, from its text; repeated headings get -2, -3… so ids stay unique. */
function headingId(text: string, used: Set<string>): string {
  const base = slugify(text);
  if (!base) return '';
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function renderBlock(block: Block, context: BodyRenderContext, flavour: BodyFlavour, headingIds: Set<string>): SafeHtml {
  switch (block.type) {
    case 'paragraph':
      return raw(`<p>${inlineHtml(block.content)}</p>`);
    case 'heading': {
      const id = headingId(inlineText(block.content), headingIds);
      return raw(`<h${block.level}${id ? ` id="${id}"` : ''}>${inlineHtml(block.content)}</h${block.level}>`);
    }
    case 'list': {
      const tag = block.isOrdered ? 'ol' : 'ul';
      return raw(`<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`);
    }
    case 'quote':
      return quote(block);
    case 'image': {
      const media = context.media.get(block.media);
      // Validation on save refuses unknown media; a later deletion leaves nothing rather than a broken image.
      if (!media) return raw('');
      return flavour.figure(media, {
        caption: block.caption,
        isEager: context.featuredMediaId === block.media,
        mediaBase: context.mediaBase,
      });
    }
    case 'embed':
      return flavour.embed(block);
    case 'separator':
      return raw('<hr>');
    case 'html':
      return flavour.html(block);
  }
}

/**
 * A quote as schema.org Quotation microdata: the words in <blockquote>, the
 * speaker, the context and the source in a visible <figcaption>, so both
 * readers and machines can tell who said it.
 */
export function quote(block: QuoteBlock): SafeHtml {
  const attribution = [
    block.speaker ? html`<span class="speaker" itemprop="creator" itemscope itemtype="https://schema.org/Person"><span itemprop="name">${block.speaker}</span></span>` : '',
    block.context ? html`<span class="context">${block.context}</span>` : '',
    block.source
      ? html`<cite itemprop="isPartOf">${block.sourceUrl ? html`<a href="${block.sourceUrl}" rel="noopener">${block.source}</a>` : block.source}</cite>`
      : '',
  ].filter((part) => part !== '');
  const parts = attribution.map((part, index) => (index === 0 ? part : html`, ${part}`));
  return html`<figure class="quote quote--${block.style}" itemscope itemtype="https://schema.org/Quotation"><blockquote${attr(
    'cite',
    block.sourceUrl,
  )}><p itemprop="text">${block.text}</p></blockquote>${
    parts.length > 0 ? html`<figcaption>— ${parts}</figcaption>` : ''
  }</figure>`;
}

function embed(block: EmbedBlock): SafeHtml {
  const target = embedProvider(block.url);
  const name = target ? EMBED_PROVIDER_NAMES[target.provider] : 'the original site';
  const caption = block.caption ? html`<figcaption>${block.caption}</figcaption>` : '';
  if (target?.provider === 'youtube') {
    return html`<figure class="embed embed--youtube"><iframe src="https://www.youtube-nocookie.com/embed/${target.id}" title="${
      block.caption || 'YouTube video'
    }" width="560" height="315" loading="lazy" allow="encrypted-media; picture-in-picture" allowfullscreen></iframe>${caption}</figure>`;
  }
  // X, Instagram and TikTok embeds need the provider's script; a link reads without it.
  return html`<figure class="embed embed--${target?.provider ?? 'link'}"><p><a href="${block.url}" rel="noopener">View on ${name}</a></p>${caption}</figure>`;
}
