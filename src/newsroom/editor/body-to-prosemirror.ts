import type { JSONContent } from '@tiptap/core';
import type { Block, BodyDocument } from '../../content/body.js';
import { runsToProsemirror } from './inline-runs.js';

/**
 * The body document as the editor's document. Pure, so it runs and is tested
 * without a browser. Absent optional fields become null attributes, which is
 * how the editor reports them back.
 */
export function bodyToProsemirror(body: BodyDocument): JSONContent {
  // The editor's document must hold at least one block; an empty paragraph is the one the body leaves out.
  const content = body.length > 0 ? body.map(blockToProsemirror) : [{ type: 'paragraph' }];
  return { type: 'doc', content };
}

function textblock(type: string, content: JSONContent[], attrs?: Record<string, unknown>): JSONContent {
  const node: JSONContent = { type };
  if (attrs) node.attrs = attrs;
  if (content.length > 0) node.content = content;
  return node;
}

/** One block as the editor's node, for inserting it where the writer is. */
export function blockToProsemirror(block: Block): JSONContent {
  switch (block.type) {
    case 'paragraph':
      return textblock('paragraph', runsToProsemirror(block.content));
    case 'heading':
      return textblock('heading', runsToProsemirror(block.content), { level: block.level });
    case 'list':
      return {
        type: block.isOrdered ? 'orderedList' : 'bulletList',
        content: block.items.map((item) => ({ type: 'listItem', content: [textblock('paragraph', runsToProsemirror(item))] })),
      };
    case 'quote':
      return textblock('quote', block.text ? [{ type: 'text', text: block.text }] : [], {
        style: block.style,
        speaker: block.speaker ?? null,
        context: block.context ?? null,
        source: block.source ?? null,
        sourceUrl: block.sourceUrl ?? null,
      });
    case 'image':
      return { type: 'mediaImage', attrs: { mediaId: block.media, caption: block.caption ?? null } };
    case 'embed':
      return { type: 'embed', attrs: { url: block.url, caption: block.caption ?? null } };
    case 'separator':
      return { type: 'horizontalRule' };
    case 'html':
      return textblock('rawHtml', block.html ? [{ type: 'text', text: block.html }] : []);
  }
}
