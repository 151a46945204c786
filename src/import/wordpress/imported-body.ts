import type { Block, BodyDocument, ImageBlock } from '../../content/body.js';

/**
 * A picture as the post's content names it, before the importer has put the
 * file into the media library. Content refers to pictures by URL (and, when
 * WordPress recorded it, the attachment's post id); the importer maps each
 * to a media id with `resolveImages` once the attachments are stored.
 */
export interface ImagePlaceholder {
  type: 'image';
  url: string;
  /** The post id from a `wp-image-123` class or a block's `id`, when the content names it. */
  attachmentId?: number;
  caption?: string;
  alt?: string;
}

export type ImportedBlock = Exclude<Block, ImageBlock> | ImagePlaceholder;

/** Something in the content that had no block of its own and was kept as sanitised raw HTML. */
export interface Unmatched {
  /** The Gutenberg block name (`core/table`), the HTML element (`table`) or the shortcode (`[gallery]`). */
  kind: string;
  /** The start of the source, for the import report. */
  snippet: string;
}

export interface ConvertedContent {
  body: ImportedBlock[];
  unmatched: Unmatched[];
}

/**
 * Replaces placeholders by image blocks. A picture the importer could not
 * store is left out of the body and returned, so the report can name it.
 */
export function resolveImages(options: {
  body: ImportedBlock[];
  mediaFor: (image: ImagePlaceholder) => number | undefined;
}): { body: BodyDocument; missing: ImagePlaceholder[] } {
  const body: BodyDocument = [];
  const missing: ImagePlaceholder[] = [];
  for (const block of options.body) {
    if (block.type !== 'image') {
      body.push(block);
      continue;
    }
    const media = options.mediaFor(block);
    if (media === undefined) missing.push(block);
    else body.push(block.caption ? { type: 'image', media, caption: block.caption } : { type: 'image', media });
  }
  return { body, missing };
}
