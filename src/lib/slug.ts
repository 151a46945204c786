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

/** Lower-case ASCII letters, digits and letters beyond Latin-1 capitals, joined by single hyphens. Written without \\p{} classes because JSON Schema patterns carry no flags. */
export const SLUG_PATTERN = '^[a-z0-9\\u00DF-\\uFFFF]+(?:-[a-z0-9\\u00DF-\\uFFFF]+)*$';
const slugRegex = new RegExp(SLUG_PATTERN);

export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= MAX_SLUG_LENGTH && slugRegex.test(slug);
}
