import { phpUnserialize, type PhpArray, type PhpValue } from './php-unserialize.js';
import type { WxrItem } from './wxr-records.js';
import { repairLegacyText } from './legacy-text.js';

/**
 * What the importer needs from an item's postmeta: its featured picture, the
 * SEO plugin's title and description (Yoast or Rank Math), and for an
 * attachment the size, alt text and IPTC fields WordPress read at upload.
 */
export interface ItemMeta {
  thumbnailId: number | undefined;
  seoTitle: string | undefined;
  seoDescription: string | undefined;
  attachment: AttachmentMeta | undefined;
}

export interface AttachmentMeta {
  width: number | undefined;
  height: number | undefined;
  alt: string | undefined;
  credit: string | undefined;
  copyright: string | undefined;
  caption: string | undefined;
  title: string | undefined;
  /** Why the serialised metadata could not be read, when it could not. */
  problem: string | undefined;
}

export function itemMeta(item: Pick<WxrItem, 'meta' | 'postType'>): ItemMeta {
  const meta = new Map(item.meta.map(({ key, value }) => [key, value.trim()]));
  // Values are read raw (a serialised one counts its bytes); the text taken from them is repaired as the reader repairs the rest.
  const present = (key: string): string | undefined => (meta.get(key) ? repairLegacyText(meta.get(key)!) : undefined);
  const thumbnail = present('_thumbnail_id');
  return {
    thumbnailId: thumbnail && /^\d+$/.test(thumbnail) ? Number(thumbnail) : undefined,
    seoTitle: present('_yoast_wpseo_title') ?? present('rank_math_title'),
    seoDescription: present('_yoast_wpseo_metadesc') ?? present('rank_math_description'),
    attachment: item.postType === 'attachment' ? attachmentMeta(meta.get('_wp_attachment_metadata') || undefined, present('_wp_attachment_image_alt')) : undefined,
  };
}

function attachmentMeta(serialized: string | undefined, alt: string | undefined): AttachmentMeta {
  const result: AttachmentMeta = {
    width: undefined, height: undefined, alt, credit: undefined, copyright: undefined, caption: undefined, title: undefined, problem: undefined,
  };
  if (!serialized) return result;
  let value: PhpValue;
  try {
    value = phpUnserialize(serialized);
  } catch (error) {
    return { ...result, problem: (error as Error).message };
  }
  if (!(value instanceof Map)) return { ...result, problem: 'not an array' };
  const image = value.get('image_meta');
  const fromImage = (key: string): string | undefined => (image instanceof Map ? text(image, key) : undefined);
  return {
    ...result,
    width: whole(value.get('width')),
    height: whole(value.get('height')),
    credit: fromImage('credit'),
    copyright: fromImage('copyright'),
    caption: fromImage('caption'),
    title: fromImage('title'),
  };
}

function text(array: PhpArray, key: string): string | undefined {
  const value = array.get(key);
  return typeof value === 'string' && value.trim() ? repairLegacyText(value.trim()) : undefined;
}

function whole(value: PhpValue | undefined): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number > 0 ? number : undefined;
}
