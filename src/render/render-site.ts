import type { Media, SiteSettings } from '../content/types.js';
import { MEDIA_PREFIX } from './media-urls.js';

/**
 * What rendering needs to know about the site: its settings (title, language,
 * time zone), its logo, and how to make an address absolute. The public site
 * builds one at start; stored fragments (see operations/post-fragments.ts) are
 * rendered with one whose origin is a marker, filled in when served.
 */
export interface RenderSite {
  settings: SiteSettings;
  /** Absolute base URL without a trailing slash, e.g. https://mamasuncut.com */
  siteUrl: string;
  logo: Media | null;
  /** What media paths are put after in URLs: see media-urls.ts mediaBaseOf; MEDIA_MARK in stored fragments. */
  mediaBase: string;
  absolute(path: string): string;
  formatDate(iso: string): string;
}

/**
 * Stands for the site's origin in stored HTML. A private-use character: the
 * HTML escaper and JSON.stringify leave it as it is, and renderers drop it from
 * any text a post supplies, so only the renderer's own URLs carry it.
 */
export const ORIGIN_MARK = '\uE000';

/**
 * Stands for where media files are, in stored HTML: filled in when sent with
 * MEDIA_PUBLIC_URL's address or /media/ (templates/layout.ts). Made absolute,
 * it follows ORIGIN_MARK, and the pair becomes MEDIA_PUBLIC_URL's address or
 * the site's own /media/. The next private-use character, kept out of post
 * text the same way.
 */
export const MEDIA_MARK = '\uE001';

export function createRenderSite(input: { settings: SiteSettings; siteUrl: string; logo: Media | null; mediaBase?: string }): RenderSite {
  const formatter = new Intl.DateTimeFormat(input.settings.language, { dateStyle: 'long', timeZone: input.settings.timezone });
  // Formatting a date costs more than the rest of a teaser; a story's date never
  // changes, so each is formatted once (the map is emptied if it ever grows large).
  const formatted = new Map<string, string>();
  return {
    ...input,
    mediaBase: input.mediaBase ?? MEDIA_PREFIX,
    absolute: (path) => (/^https?:\/\//.test(path) || path.startsWith(input.siteUrl) ? path : input.siteUrl + path),
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
