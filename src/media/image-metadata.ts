import exifr from 'exifr';
import type { ImageDetails } from '../content/image-ingest.js';
import { toWellFormed } from '../lib/plain-text.js';

/**
 * Reads what a newsroom photo says about itself: the IPTC IIM block agencies
 * have written for decades, the XMP packet that carries the same fields today
 * (plus the accessibility alt text), and EXIF's Artist and Copyright from
 * cameras. XMP is preferred where both have a field: it is always UTF-8 and
 * it is what editing tools update, while a stale IIM block is often left behind.
 */

type Fields = Record<string, unknown>;

interface Found {
  iptc?: Fields;
  ifd0?: Fields;
  dc?: Fields;
  photoshop?: Fields;
  Iptc4xmpCore?: Fields;
}

const OPTIONS = {
  tiff: true,
  ifd1: false,
  exif: false,
  gps: false,
  interop: false,
  makerNote: false,
  userComment: false,
  iptc: true,
  xmp: true,
  icc: false,
  jfif: false,
  ihdr: false,
  // Kept apart: merged, IPTC's Credit and XMP's photoshop:Credit would overwrite each other.
  mergeOutput: false,
};

/** Never throws: a photo with broken or missing metadata is still a photo, its fields simply start empty. */
export async function readImageMetadata(bytes: Buffer): Promise<ImageDetails> {
  try {
    const found = (await exifr.parse(bytes, OPTIONS)) as Found | undefined;
    if (!found || typeof found !== 'object') return {};
    const { iptc, ifd0, dc, photoshop, Iptc4xmpCore: core } = found;
    const details: ImageDetails = {
      credit: firstOf(xmpText(dc?.creator), iimText(iptc?.Byline), plainText(ifd0?.Artist)),
      agency: firstOf(xmpText(photoshop?.Credit), iimText(iptc?.Credit), xmpText(photoshop?.Source), iimText(iptc?.Source)),
      caption: firstOf(xmpText(dc?.description), iimText(iptc?.Caption)),
      licence: firstOf(xmpText(dc?.rights), iimText(iptc?.CopyrightNotice), plainText(ifd0?.Copyright)),
      title: firstOf(xmpText(photoshop?.Headline), iimText(iptc?.Headline), xmpText(dc?.title), iimText(iptc?.ObjectName)),
      alt: firstOf(xmpText(core?.AltTextAccessibility)),
    };
    for (const key of Object.keys(details) as Array<keyof ImageDetails>) if (details[key] === undefined) delete details[key];
    return details;
  } catch {
    return {};
  }
}

function firstOf(...values: Array<string | undefined>): string | undefined {
  return values.find((value) => value !== undefined);
}

/**
 * Keeps line breaks (captions have paragraphs) and drops other control characters, such as IIM's
 * padding NULs and the C1 range, so what a file says passes the plain-text rule (lib/plain-text.ts)
 * its fields are held to when edited later.
 */
function clean(text: string): string | undefined {
  const cleaned = toWellFormed(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
  return cleaned === '' ? undefined : cleaned;
}

function plainText(value: unknown): string | undefined {
  if (typeof value === 'string') return clean(value);
  if (typeof value === 'number') return String(value);
  return undefined;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * exifr reads IIM text as Latin-1 whatever the block declares. Its bytes are
 * recovered and read as UTF-8 when they are valid UTF-8 (what every current
 * tool writes, declared or not); real Latin-1 text with accents is almost
 * never valid UTF-8, so it stays as it was read.
 */
function iimText(value: unknown): string | undefined {
  const texts = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
  const decoded = texts
    .map((text) => {
      try {
        return strictUtf8.decode(Buffer.from(text, 'latin1'));
      } catch {
        return text;
      }
    })
    .map(clean)
    .filter((text): text is string => text !== undefined);
  return decoded.length > 0 ? decoded.join(', ') : undefined;
}

/**
 * XMP values come as text, as language alternatives ({ lang, value }, one or
 * a list; the default language is taken) or as ordered lists (several
 * photographers, joined). exifr leaves XML entities encoded.
 */
function xmpText(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const isLanguageAlternatives = value.every((item) => isObject(item) && 'lang' in item);
    if (isLanguageAlternatives && value.length > 0) {
      const chosen = value.find((item) => (item as Fields).lang === 'x-default') ?? value[0];
      return xmpText(chosen);
    }
    const texts = value.map(xmpText).filter((text): text is string => text !== undefined);
    return texts.length > 0 ? texts.join(', ') : undefined;
  }
  if (isObject(value)) return 'value' in value ? xmpText(value.value) : undefined;
  const text = plainText(value);
  return text === undefined ? undefined : clean(decodeEntities(text));
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
