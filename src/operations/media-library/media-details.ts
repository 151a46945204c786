import type { ImageDetails } from '../../content/image-ingest.js';
import { MEDIA_TEXT_FIELDS, MEDIA_TEXT_LIMITS, type MediaDetailsInput } from '../../content/media-library-schemas.js';

/** Details as they are stored: trimmed, with an empty caption or credit stored as none. Alt text stays a string: "" is "not written yet". */
export type MediaDetails = {
  alt?: string;
  caption?: string | null;
  credit?: string | null;
  agency?: string | null;
  licence?: string | null;
  title?: string | null;
};

export function normaliseDetails(input: MediaDetailsInput): MediaDetails {
  const details: MediaDetails = {};
  for (const field of MEDIA_TEXT_FIELDS) {
    const value = input[field];
    if (value === undefined) continue;
    const trimmed = value === null ? '' : value.trim();
    if (field === 'alt') details.alt = trimmed;
    else details[field] = trimmed === '' ? null : trimmed;
  }
  return details;
}

/**
 * Metadata cut to the lengths the fields take, so that a photo with a long
 * caption in its IPTC block is still accepted; the ellipsis tells the editor
 * the text was cut.
 */
export function fitToFields(details: ImageDetails): ImageDetails {
  const fitted: ImageDetails = {};
  for (const field of MEDIA_TEXT_FIELDS) {
    const value = details[field];
    if (value !== undefined) fitted[field] = clip(value, MEDIA_TEXT_LIMITS[field]);
  }
  return fitted;
}

/** At most `max` UTF-16 units (what the schemas count), never cutting a character in two. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let clipped = '';
  for (const char of text) {
    if (clipped.length + char.length > max - 1) break;
    clipped += char;
  }
  return `${clipped.trimEnd()}…`;
}
