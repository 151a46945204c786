import type { BodyDocument } from '../content/body.js';
import { inlineText } from './inline.js';
import { Parser } from 'htmlparser2';
import { sanitizeMarkup } from './sanitize.js';

/** The body as plain text: for search, meta descriptions and word counts. */
export function renderPlainText(body: BodyDocument): string {
  const parts: string[] = [];
  for (const block of body) {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        parts.push(inlineText(block.content));
        break;
      case 'list':
        for (const item of block.items) parts.push(inlineText(item));
        break;
      case 'quote':
        parts.push([block.text, block.speaker].filter(Boolean).join(' — '));
        break;
      case 'image':
        if (block.caption) parts.push(block.caption);
        break;
      case 'embed':
        if (block.caption) parts.push(block.caption);
        break;
      case 'html':
        parts.push(htmlText(sanitizeMarkup(block.html)));
        break;
      case 'separator':
        break;
    }
  }
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/** The first words of a text, cut at a word boundary (an ellipsis marks the cut), for descriptions. */
export function summarise(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const space = flat.lastIndexOf(' ', maxLength);
  return (space > 0 ? flat.slice(0, space) : flat.slice(0, maxLength - 1)) + '…';
}

const BLOCK_ELEMENTS = new Set(['p', 'div', 'br', 'li', 'ul', 'ol', 'table', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'pre', 'hr', 'section', 'details', 'summary']);

/** The text of (sanitised) HTML: entities decoded, words split only where blocks end, not at inline tags. */
function htmlText(markup: string): string {
  let text = '';
  const parser = new Parser(
    {
      ontext: (chunk) => (text += chunk),
      onopentag: (name) => BLOCK_ELEMENTS.has(name) && (text += ' '),
      onclosetag: (name) => BLOCK_ELEMENTS.has(name) && (text += ' '),
    },
    { decodeEntities: true },
  );
  parser.end(markup);
  return text.replace(/\s+/g, ' ').trim();
}
