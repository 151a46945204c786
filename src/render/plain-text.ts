import type { BodyDocument } from '../content/body.js';
import { inlineText } from './inline.js';
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
        parts.push(sanitizeMarkup(block.html).replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim());
        break;
      case 'separator':
        break;
    }
  }
  return parts.filter((p) => p.length > 0).join('\n\n');
}

/** The first sentences of a text, cut at a word boundary, for descriptions. */
export function summarise(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength - 1);
  return cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : cut.length) + '…';
}
