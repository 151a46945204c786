import { zonedTime } from '../lib/zoned-time.js';

/** What every object builder needs: where the site and the API live, and the site's zone for WordPress's local `date`. */
export interface WpContext {
  siteUrl: string;
  /** Absolute: what media paths are put after in `source_url` (MEDIA_PUBLIC_URL's address, or the site's /media/). */
  mediaBase: string;
  /** `${siteUrl}/wp-json`, the API root. */
  apiUrl: string;
  /** `2026-11-20T07:00:00` in the site's zone, no offset, as WordPress writes `date`. */
  localDate(iso: string): string;
}

export function wpContext(input: { siteUrl: string; timeZone: string; mediaBase: string }): WpContext {
  const zoned = zonedTime(input.timeZone);
  return {
    siteUrl: input.siteUrl,
    mediaBase: input.mediaBase,
    apiUrl: `${input.siteUrl}/wp-json`,
    localDate: (iso) => zoned.rfc3339(iso).slice(0, 19),
  };
}

/** `date_gmt`: UTC without the zone marker, to the second. */
export function gmtDate(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}
