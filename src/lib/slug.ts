const MAX_SLUG_LENGTH = 190;

/**
 * A URL slug the way WordPress makes one: accents folded, apostrophes dropped
 * (so "Kanye’s" becomes "kanyes", not "kanye-s"), everything else that is not
 * a letter or digit becomes a single hyphen.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
}

/**
 * Lower-case ASCII letters and digits, and the letters of other scripts (not
 * Latin-1 capitals, ÷, general punctuation, symbols, CJK punctuation or
 * specials), joined by single hyphens. Written as ranges, not \\p{} classes,
 * because JSON Schema patterns carry no flags.
 */
const SLUG_LETTER = 'a-z0-9\\u00DF-\\u00F6\\u00F8-\\u00FF\\u0100-\\u1FFF\\u3040-\\uD7FF\\uF900-\\uFDFF\\uFE70-\\uFEFE';
export const SLUG_PATTERN = `^[${SLUG_LETTER}]+(?:-[${SLUG_LETTER}]+)*$`;
const slugRegex = new RegExp(SLUG_PATTERN);

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && slugRegex.test(slug);
}
