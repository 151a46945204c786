import type { AnyExtension } from '@tiptap/core';
import { StarterKit } from '@tiptap/starter-kit';
import type { ResolveMedia } from '../media-preview.js';
import { isAllowedHref } from '../body-rules.js';
import { Embed } from './embed.js';
import { BodyListItem } from './list-item.js';
import { MediaImage } from './media-image.js';
import { Quote } from './quote.js';
import { RawHtml } from './raw-html.js';

/**
 * Exactly the nodes and marks the body document has, and nothing else, so
 * the editor cannot hold what cannot be saved: no code, strike, underline,
 * line breaks, first-level or fifth-level headings, nested lists.
 */
export function bodyExtensions(options: { resolveMedia: ResolveMedia }): AnyExtension[] {
  return [
    StarterKit.configure({
      blockquote: false,
      code: false,
      codeBlock: false,
      hardBreak: false,
      strike: false,
      underline: false,
      listItem: false,
      heading: { levels: [2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: false,
        linkOnPaste: true,
        // Links are stored without these; the editor should not pretend otherwise.
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isAllowedHref(url),
      },
    }),
    BodyListItem,
    Quote,
    MediaImage.configure({ resolveMedia: options.resolveMedia }),
    Embed,
    RawHtml,
  ];
}
