import { mediaSearchInput } from '../../content/media-library-schemas.js';
import type { Media } from '../../content/types.js';
import type { OperationContext } from '../context.js';

export interface MediaPage {
  /** Newest upload first. */
  items: Media[];
  /** How many pictures match in all, for the pager. */
  total: number;
}

/**
 * A page of the library. `text` finds pictures whose alt text, caption,
 * credit, agency, title or file name contain every word, in any case and with
 * or without accents; `missingAlt: true` lists what still needs alt text.
 */
export async function searchMedia(context: OperationContext, input: unknown): Promise<MediaPage> {
  const query = mediaSearchInput.parse(input);
  const text = query.text?.trim();
  return context.store.mediaLibrary.search({
    ...(text ? { text } : {}),
    ...(query.mimeType === undefined ? {} : { mimeType: query.mimeType }),
    ...(query.uploadedBy === undefined ? {} : { uploadedBy: query.uploadedBy }),
    ...(query.missingAlt === undefined ? {} : { isMissingAlt: query.missingAlt }),
    limit: query.perPage,
    offset: (query.page - 1) * query.perPage,
  });
}
