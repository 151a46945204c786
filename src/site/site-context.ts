import type { Media, SiteSettings } from '../content/types.js';
import { createRenderSite, type RenderSite } from '../render/render-site.js';

/** Site-wide page parts, already UTF-8; see templates/layout.ts. */
export interface SiteChrome {
  /** Doctype, <html lang> and the first <meta> tags. */
  start: Buffer;
  /** The site's origin, put into stored heads. */
  origin: Buffer;
  /** Put where stored HTML has MEDIA_MARK: MEDIA_PUBLIC_URL's address, or /media/. */
  mediaBase: Buffer;
  /** Put where stored HTML has ORIGIN_MARK then MEDIA_MARK: MEDIA_PUBLIC_URL's address, or the site's own /media/. */
  absoluteMediaBase: Buffer;
  top: Buffer;
  bottom: Buffer;
  /** The year in the footer's copyright line. */
  year: number;
}

/**
 * What every page template needs to know about the site, built at start (and
 * again when settings change), never per request.
 */
export interface SiteContext extends RenderSite {
  chrome: SiteChrome;
  /** Menu of sections shown in the header. */
  navigation: Array<{ label: string; href: string }>;
}

export function createSiteContext(input: {
  settings: SiteSettings;
  siteUrl: string;
  logo: Media | null;
  mediaBase?: string;
  navigation: SiteContext['navigation'];
}): Omit<SiteContext, 'chrome'> {
  return { ...createRenderSite(input), navigation: input.navigation };
}
