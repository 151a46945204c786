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

/**
 * Readers' comments get far less than raw-HTML blocks: paragraphs, line
 * breaks, emphasis, quotes, code and lists, and links to http(s) addresses
 * only, each marked as user-generated (`rel="ugc nofollow noopener"`) so it
 * lends the site's standing to no one. Every other attribute is dropped;
 * `b` and `i` become `strong` and `em`; any other tag is dropped but its text
 * kept (scripts and styles go with their text).
 */
const COMMENT_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['a', 'p', 'br', 'em', 'strong', 'blockquote', 'code', 'ul', 'ol', 'li'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    b: 'strong',
    i: 'em',
    a: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: attribs.href ? { href: attribs.href, rel: 'ugc nofollow noopener' } : {} }),
  },
};

export function sanitizedCommentHtml(untrusted: string): SafeHtml {
  return raw(sanitizeHtml(untrusted, COMMENT_OPTIONS));
}
