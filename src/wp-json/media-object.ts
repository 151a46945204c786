import type { Media } from '../content/types.js';
import { escapeHtml } from '../lib/html.js';
import { variantsOf } from '../content/media-paths.js';
import { creditLine, mediaUrl } from '../render/media-urls.js';
import { gmtDate, type WpContext } from './context.js';

/** A picture as WordPress's `media` endpoint shows an attachment. */
export function toWpMedia(media: Media, context: WpContext) {
  const sourceUrl = mediaUrl(media.path, context.mediaBase);
  const credit = creditLine(media);
  const caption = [media.caption ? escapeHtml(media.caption) : '', credit ? `<cite>${escapeHtml(credit)}</cite>` : ''].filter(Boolean).join(' ');
  const sizes = Object.fromEntries(
    variantsOf(media, 'jpeg').map((variant) => [
      `w${variant.width}`,
      { file: variant.path, width: variant.width, height: variant.height, mime_type: 'image/jpeg', source_url: mediaUrl(variant.path, context.mediaBase) },
    ]),
  );
  const modified = media.updatedAt ?? media.createdAt;
  return {
    id: media.id,
    date: context.localDate(media.createdAt),
    date_gmt: gmtDate(media.createdAt),
    guid: { rendered: sourceUrl },
    modified: context.localDate(modified),
    modified_gmt: gmtDate(modified),
    slug: `media-${media.id}`,
    status: 'inherit',
    type: 'attachment',
    link: sourceUrl,
    title: { rendered: escapeHtml(media.title ?? media.alt) },
    author: 0,
    caption: { rendered: caption ? `<p>${caption}</p>\n` : '' },
    alt_text: media.alt,
    media_type: 'image',
    mime_type: media.mimeType,
    media_details: {
      width: media.width,
      height: media.height,
      file: media.path,
      sizes: { ...sizes, full: { file: media.path, width: media.width, height: media.height, mime_type: media.mimeType, source_url: sourceUrl } },
    },
    source_url: sourceUrl,
    _links: {
      self: [{ href: `${context.apiUrl}/wp/v2/media/${media.id}` }],
      collection: [{ href: `${context.apiUrl}/wp/v2/media` }],
    },
  };
}
