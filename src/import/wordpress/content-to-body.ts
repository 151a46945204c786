import { DomUtils } from 'htmlparser2';
import { BodyWriter, embedUrl } from './body-writer.js';
import { imageFrom, parseHtml, textOf, writeHtml, writeQuote } from './classic-html.js';
import { hasBlocks, splitBlocks, type GutenbergBlock } from './gutenberg-blocks.js';
import type { ConvertedContent } from './imported-body.js';

/**
 * A WordPress post's content (classic editor, Gutenberg, or both) as a body
 * document whose pictures are still URLs (see `ImagePlaceholder`). What has no
 * block of its own is kept as sanitised raw HTML and listed in `unmatched`.
 */
export function contentToBody(content: string): ConvertedContent {
  const writer = new BodyWriter();
  if (!hasBlocks(content)) writeHtml(writer, content);
  else for (const block of splitBlocks(content)) writeBlock(writer, block);
  return writer.result();
}

/** Blocks whose HTML the classic rules already read right. */
const AS_HTML = new Set(['core/freeform', 'core/paragraph', 'core/heading', 'core/list', 'core/quote', 'core/image']);
const DROPPED = new Set(['core/spacer', 'core/more', 'core/nextpage']);

function writeBlock(writer: BodyWriter, block: GutenbergBlock): void {
  const { name, html } = block;
  if (AS_HTML.has(name)) return writeHtml(writer, withAttachmentId(block));
  if (DROPPED.has(name)) return;
  if (name === 'core/separator') return writer.add({ type: 'separator' });
  if (name === 'core/pullquote') {
    const quote = DomUtils.findOne((e) => e.name === 'blockquote', parseHtml(html));
    return quote ? writeQuote({ writer, element: quote, style: 'pull' }) : writer.raw({ kind: name, html });
  }
  if (name === 'core/gallery') return writeGallery(writer, block);
  if (name === 'core/embed' || name.startsWith('core-embed/')) return writeEmbed(writer, block);
  writer.raw({ kind: name, html });
}

/** The image block records its attachment in the comment; the classic rules read it from the class. */
function withAttachmentId(block: GutenbergBlock): string {
  const id = block.attributes['id'];
  if (block.name !== 'core/image' || typeof id !== 'number' || /wp-image-\d/.test(block.html)) return block.html;
  return block.html.replace(/<img\b/i, `<img class="wp-image-${id}"`);
}

function writeGallery(writer: BodyWriter, block: GutenbergBlock): void {
  const nodes = parseHtml(block.html);
  const figures = DomUtils.findAll((e) => e.name === 'figure' && !DomUtils.findOne((f) => f.name === 'figure', e.children), nodes);
  const holders = figures.length > 0 ? figures : DomUtils.findAll((e) => e.name === 'img', nodes);
  for (const holder of holders) {
    const img = holder.name === 'img' ? holder : DomUtils.findOne((e) => e.name === 'img', holder.children);
    const figcaption = DomUtils.findOne((e) => e.name === 'figcaption', holder.children);
    const image = img ? imageFrom(img, figcaption ? textOf(figcaption) : undefined) : undefined;
    if (image) writer.add(image);
  }
}

function writeEmbed(writer: BodyWriter, block: GutenbergBlock): void {
  const url = typeof block.attributes['url'] === 'string' ? block.attributes['url'].trim() : textOf(parseHtml(block.html));
  const embed = embedUrl(url);
  const figcaption = DomUtils.findOne((e) => e.name === 'figcaption', parseHtml(block.html));
  const caption = figcaption ? textOf(figcaption).slice(0, 2000) : '';
  if (embed) return writer.add(caption ? { type: 'embed', url: embed, caption } : { type: 'embed', url: embed });
  if (/^https?:\/\/\S+$/.test(url) && url.length <= 2048) {
    return writer.add({ type: 'paragraph', content: [{ text: caption || url, marks: [{ type: 'link', href: url }] }] });
  }
  writer.raw({ kind: block.name, html: block.html });
}
