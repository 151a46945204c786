import type { Media, SiteSettings } from '../content/types.js';

/**
 * What every page template needs to know about the site, built at start (and
 * again when settings change), never per request.
 */
/** Site-wide page parts, already UTF-8; see templates/layout.ts. */
export interface SiteChrome {
  top: Buffer;
  bottom: Buffer;
  /** The year in the footer's copyright line. */
  year: number;
}

export interface SiteContext {
  chrome: SiteChrome;
  settings: SiteSettings;
  /** Absolute base URL without a trailing slash, e.g. https://mamasuncut.com */
  siteUrl: string;
  logo: Media | null;
  /** Menu of sections shown in the header. */
  navigation: Array<{ label: string; href: string }>;
  absolute(path: string): string;
  formatDate(iso: string): string;
}

export function createSiteContext(input: {
  settings: SiteSettings;
  siteUrl: string;
  logo: Media | null;
  navigation: SiteContext['navigation'];
}): Omit<SiteContext, 'chrome'> {
  const formatter = new Intl.DateTimeFormat(input.settings.language, { dateStyle: 'long', timeZone: input.settings.timezone });
  // Formatting a date costs more than the rest of a teaser; a story's date never
  // changes, so each is formatted once (the map is emptied if it ever grows large).
  const formatted = new Map<string, string>();
  return {
    ...input,
    absolute: (path) => (/^https?:\/\//.test(path) ? path : input.siteUrl + path),
    formatDate(iso) {
      let text = formatted.get(iso);
      if (text === undefined) {
        if (formatted.size >= 10_000) formatted.clear();
        text = formatter.format(new Date(iso));
        formatted.set(iso, text);
      }
      return text;
    },
  };
}
