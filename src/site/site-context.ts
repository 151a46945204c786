import type { Media, SiteSettings } from '../content/types.js';

/**
 * What every page template needs to know about the site, built at start (and
 * again when settings change), never per request.
 */
export interface SiteContext {
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
}): SiteContext {
  const formatter = new Intl.DateTimeFormat(input.settings.language, { dateStyle: 'long', timeZone: input.settings.timezone });
  return {
    ...input,
    absolute: (path) => (/^https?:\/\//.test(path) ? path : input.siteUrl + path),
    formatDate: (iso) => formatter.format(new Date(iso)),
  };
}
