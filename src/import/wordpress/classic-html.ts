import { DomUtils, parseDocument } from 'htmlparser2';
import type { Mark } from '../../content/body.js';
import { BodyWriter } from './body-writer.js';
import type { ImagePlaceholder } from './imported-body.js';

/**
 * Classic-editor HTML (and the HTML inside Gutenberg blocks) into blocks.
 * Loose text follows `wpautop`: a blank line starts a paragraph; a single
 * line break would be `<br>`, which the body has not, so it becomes a space.
 */
type DomNode = ReturnType<typeof parseDocument>['children'][number];
type DomElement = Extract<DomNode, { attribs: unknown }>;
type DomText = Extract<DomNode, { type: 'text' }>;

const isElement = (node: DomNode): node is DomElement => 'attribs' in node;
const isText = (node: DomNode): node is DomText => node.type === 'text';

const LINK = /^(https?:\/\/\S+|mailto:\S+|\/\S*|#\S*)$/;
const RAW_ELEMENTS = new Set(['table', 'pre', 'iframe', 'object', 'video', 'audio', 'dl', 'form', 'script', 'style', 'embed', 'details', 'svg']);
const HEADINGS: Record<string, 2 | 3 | 4> = { h1: 2, h2: 2, h3: 3, h4: 4, h5: 4, h6: 4 };

export function parseHtml(html: string): DomNode[] {
  return parseDocument(html, { decodeEntities: true }).children;
}

export function writeHtml(writer: BodyWriter, html: string): void {
  writeNodes(writer, parseHtml(expandShortcodes(html)), []);
}

/** `[caption]<img> Text[/caption]` becomes a figure, `[embed]url[/embed]` a line of its own. */
export function expandShortcodes(html: string): string {
  return html
    .replace(/\[embed[^\]]*\]([^[]*)\[\/embed\]/g, '\n\n$1\n\n')
    .replace(/\[caption([^\]]*)\]([\s\S]*?)\[\/caption\]/g, (_all, attributes: string, inner: string) => {
      const picture = /^\s*(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*<\/a>)?/i.exec(inner);
      const caption = picture ? inner.slice(picture[0].length) : '';
      const fromAttribute = /\bcaption="([^"]*)"/.exec(attributes)?.[1] ?? '';
      return `<figure>${picture?.[0] ?? inner}<figcaption>${caption.trim() || fromAttribute}</figcaption></figure>`;
    });
}

export function textOf(nodes: DomNode | DomNode[]): string {
  return DomUtils.textContent(nodes).replace(/\s+/g, ' ').trim();
}

export function imageFrom(img: DomElement, caption?: string): ImagePlaceholder | undefined {
  const url = img.attribs['src']?.trim();
  if (!url) return undefined;
  const image: ImagePlaceholder = { type: 'image', url };
  const id = /\bwp-image-(\d+)\b/.exec(img.attribs['class'] ?? '')?.[1];
  if (id) image.attachmentId = Number(id);
  if (caption) image.caption = caption.slice(0, 2000);
  const alt = img.attribs['alt']?.trim();
  if (alt) image.alt = alt;
  return image;
}

export function writeNodes(writer: BodyWriter, nodes: DomNode[], marks: readonly Mark[]): void {
  for (const node of nodes) {
    if (isText(node)) writeText(writer, node.data, marks);
    else if (isElement(node)) writeElement(writer, node, marks);
  }
}

function writeText(writer: BodyWriter, text: string, marks: readonly Mark[]): void {
  text.split(/\n[ \t]*\n/).forEach((part, index) => {
    if (index > 0) writer.endParagraph();
    writer.text(part, marks);
  });
}

function withMark(marks: readonly Mark[], mark: Mark): Mark[] {
  return [...marks.filter((m) => m.type !== mark.type), mark];
}

function writeElement(writer: BodyWriter, element: DomElement, marks: readonly Mark[]): void {
  const name = element.name.toLowerCase();
  const children = element.children as DomNode[];
  if (name === 'strong' || name === 'b') return writeNodes(writer, children, withMark(marks, { type: 'bold' }));
  if (name === 'em' || name === 'i') return writeNodes(writer, children, withMark(marks, { type: 'italic' }));
  if (name === 'a') {
    const href = element.attribs['href']?.trim() ?? '';
    const isLink = LINK.test(href) && href.length <= 2048;
    return writeNodes(writer, children, isLink ? withMark(marks, { type: 'link', href }) : marks);
  }
  if (name === 'br') return writer.text(' ', marks);
  if (name === 'img') {
    const image = imageFrom(element);
    return image ? writer.add(image) : undefined;
  }
  if (name === 'hr') return writer.add({ type: 'separator' });
  if (name === 'p' || name === 'div' || name === 'section' || name === 'article') {
    writer.endParagraph();
    writeNodes(writer, children, marks);
    return writer.endParagraph();
  }
  const level = Object.hasOwn(HEADINGS, name) ? HEADINGS[name] : undefined; // <constructor> is a valid custom element name
  if (level) return writeInlineBlock(writer, children, (content) => ({ type: 'heading', level, content }));
  if (name === 'ul' || name === 'ol') return writeList(writer, element);
  if (name === 'blockquote') return writeQuote({ writer, element, style: 'body' });
  if (name === 'figure') return writeFigure(writer, element);
  if (RAW_ELEMENTS.has(name)) return writer.raw({ kind: name, html: DomUtils.getOuterHTML(element) });
  writeNodes(writer, children, marks);
}

function writeInlineBlock(
  writer: BodyWriter,
  nodes: DomNode[],
  make: (content: ReturnType<BodyWriter['takeRuns']>) => Parameters<BodyWriter['add']>[0],
): void {
  writer.endParagraph();
  const inner = new BodyWriter();
  writeNodes(inner, nodes, []);
  const content = inner.takeRuns();
  if (content.length > 0) writer.add(make(content));
  for (const block of inner.result().body) writer.add(block);
}

function writeList(writer: BodyWriter, list: DomElement): void {
  const items = DomUtils.getChildren(list).filter((child): child is DomElement => isElement(child) && child.name === 'li');
  const isNested = items.some((item) => DomUtils.findOne((e) => ['ul', 'ol', 'img', 'table'].includes(e.name), item.children));
  if (isNested) return writer.raw({ kind: list.name, html: DomUtils.getOuterHTML(list) });
  const runs = items.map((item) => {
    const inner = new BodyWriter();
    writeNodes(inner, item.children as DomNode[], []);
    return inner.takeRuns();
  }).filter((content) => content.length > 0);
  if (runs.length > 0) writer.add({ type: 'list', isOrdered: list.name === 'ol', items: runs });
}

export function writeQuote(options: { writer: BodyWriter; element: DomElement; style: 'body' | 'pull' }): void {
  const { writer, element, style } = options;
  const cite = DomUtils.findOne((e) => e.name === 'cite', element.children);
  const source = cite ? textOf(cite).slice(0, 300) : '';
  if (cite) DomUtils.removeElement(cite);
  const paragraphs = DomUtils.findAll((e) => e.name === 'p', element.children).map((p) => textOf(p)).filter(Boolean);
  const text = paragraphs.length > 0 ? paragraphs.join('\n\n') : textOf(element);
  if (!text) return;
  if (text.length > 5000) return writer.raw({ kind: 'blockquote', html: DomUtils.getOuterHTML(element) });
  writer.add(source ? { type: 'quote', style, text, source } : { type: 'quote', style, text });
}

function writeFigure(writer: BodyWriter, figure: DomElement): void {
  const quote = DomUtils.findOne((e) => e.name === 'blockquote', figure.children);
  if (quote) return writeQuote({ writer, element: quote, style: 'pull' });
  const images = DomUtils.findAll((e) => e.name === 'img', figure.children);
  const figcaption = DomUtils.findOne((e) => e.name === 'figcaption', figure.children);
  if (images.length === 0) return writer.raw({ kind: 'figure', html: DomUtils.getOuterHTML(figure) });
  const caption = figcaption ? textOf(figcaption) : '';
  for (const img of images) {
    const image = imageFrom(img, images.length === 1 ? caption : undefined);
    if (image) writer.add(image);
  }
}
