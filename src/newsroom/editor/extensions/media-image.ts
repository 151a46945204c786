import { Node, mergeAttributes } from '@tiptap/core';
import type { Node as ProsemirrorNode } from '@tiptap/pm/model';
import { creditLine, type ResolveMedia } from '../media-preview.js';
import { dataAttribute } from './data-attribute.js';

export interface MediaImageOptions {
  resolveMedia: ResolveMedia;
}

/**
 * A picture from the media library, by id, with the story's own caption when
 * it has one (null: the library's; empty: none). The picture, its caption
 * and its credit are shown as the page will show them.
 */
export const MediaImage = Node.create<MediaImageOptions>({
  name: 'mediaImage',
  group: 'block',
  atom: true,
  draggable: true,

  addOptions() {
    return { resolveMedia: () => undefined };
  },

  addAttributes() {
    return {
      mediaId: dataAttribute('mediaId', (value) => (/^\d+$/.test(value) ? Number(value) : null)),
      caption: dataAttribute('caption'),
    };
  },

  parseHTML() {
    return [{ tag: 'figure[data-type="media-image"]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['figure', mergeAttributes(HTMLAttributes, { 'data-type': 'media-image' })];
  },

  addNodeView() {
    const { resolveMedia } = this.options;
    return ({ node }) => {
      const dom = document.createElement('figure');
      dom.className = 'media-image';
      let shown = node;
      renderPicture(dom, node, resolveMedia);
      return {
        dom,
        update: (updated) => {
          if (updated.type !== shown.type) return false;
          shown = updated;
          renderPicture(dom, updated, resolveMedia);
          return true;
        },
      };
    };
  },
});

function renderPicture(dom: HTMLElement, node: ProsemirrorNode, resolveMedia: ResolveMedia): void {
  const id: unknown = node.attrs['mediaId'];
  const preview = typeof id === 'number' ? resolveMedia(id) : undefined;
  const parts: HTMLElement[] = [];
  if (preview) {
    const image = document.createElement('img');
    image.src = preview.url;
    image.alt = preview.alt;
    parts.push(image);
  } else {
    parts.push(element('p', 'media-image__missing', `Picture ${String(id)} is not in the media library`));
  }
  const override: unknown = node.attrs['caption'];
  const caption = typeof override === 'string' ? override : (preview?.caption ?? '');
  const credit = preview ? creditLine(preview) : '';
  if (caption.trim() || credit) {
    const figcaption = document.createElement('figcaption');
    if (caption.trim()) figcaption.append(element('span', 'caption', caption));
    if (credit) figcaption.append(element('span', 'credit', credit));
    parts.push(figcaption);
  }
  dom.replaceChildren(...parts);
}

function element(tag: string, className: string, text: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = className;
  el.textContent = text;
  return el;
}
