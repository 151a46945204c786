import sanitizeHtml from 'sanitize-html';
import { raw, type SafeHtml } from '../lib/html.js';

/**
 * The one place where stored HTML is written out unescaped. Raw-HTML blocks
 * (and, later, imported markup that has no block of its own) pass through this
 * allow-list: no scripts, no event handlers, no styles, links only to
 * http(s)/mailto, and every link that leaves the site gets rel="noopener".
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'figure', 'figcaption', 'img', 'picture', 'source', 'del', 'ins', 'sup', 'sub', 'details', 'summary',
  ],
  allowedAttributes: {
    a: ['href', 'name', 'title', 'rel'],
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
    source: ['srcset', 'type', 'media', 'sizes'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
    '*': ['id', 'lang', 'dir'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener' }),
  },
};

export function sanitizeMarkup(untrusted: string): string {
  return sanitizeHtml(untrusted, OPTIONS);
}

export function sanitizedHtml(untrusted: string): SafeHtml {
  return raw(sanitizeMarkup(untrusted));
}
