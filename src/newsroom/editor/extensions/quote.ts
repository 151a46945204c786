import { Node, mergeAttributes } from '@tiptap/core';
import { Fragment, type Schema } from '@tiptap/pm/model';
import { dataAttribute } from './data-attribute.js';

export type QuoteStyle = 'body' | 'pull';

/** What a quote carries besides its words; null when absent. */
export interface QuoteAttributes {
  style: QuoteStyle;
  speaker: string | null;
  context: string | null;
  source: string | null;
  sourceUrl: string | null;
}

/** "— John Legend, to David Axelrod, CNN": the line the page shows under a quote. */
export function attributionLine(attrs: Partial<QuoteAttributes>): string {
  const parts = [attrs.speaker, attrs.context, attrs.source].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? `— ${parts.join(', ')}` : '';
}

/**
 * A quote: plain words (the page styles them, so no bold or links) with the
 * speaker, context and source as attributes, shown under it as on the page.
 */
export const Quote = Node.create({
  name: 'quote',
  group: 'block',
  content: 'text*',
  marks: '',
  defining: true,

  addAttributes() {
    return {
      style: dataAttribute('style', (value) => (value === 'pull' ? 'pull' : 'body')),
      speaker: dataAttribute('speaker'),
      context: dataAttribute('context'),
      source: dataAttribute('source'),
      sourceUrl: dataAttribute('sourceUrl'),
    };
  },

  parseHTML() {
    return [
      { tag: 'figure[data-type="quote"]', getContent: (dom, schema) => textFragment(schema, (dom as HTMLElement).querySelector('blockquote')?.textContent ?? '') },
      // A quote pasted from another page: its words, paragraphs joined by a space, the spacing of its HTML source folded.
      { tag: 'blockquote', getContent: (dom, schema) => textFragment(schema, pastedQuoteText(dom as HTMLElement)) },
    ];
  },

  renderHTML({ node, HTMLAttributes }) {
    const attribution = attributionLine(node.attrs as QuoteAttributes);
    const style = node.attrs['style'] === 'pull' ? 'pull' : 'body';
    const figure = mergeAttributes(HTMLAttributes, { 'data-type': 'quote', class: `quote quote--${style}` });
    if (!attribution) return ['figure', figure, ['blockquote', 0]];
    return ['figure', figure, ['blockquote', 0], ['figcaption', { contenteditable: 'false' }, attribution]];
  },
});

function textFragment(schema: Schema, text: string): Fragment {
  return text ? Fragment.from(schema.text(text)) : Fragment.empty;
}

function pastedQuoteText(blockquote: HTMLElement): string {
  const paragraphs = [...blockquote.querySelectorAll('p')];
  const parts = paragraphs.length > 0 ? paragraphs.map((p) => p.textContent ?? '') : [blockquote.textContent ?? ''];
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
