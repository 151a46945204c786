import { DEFAULT_SETTINGS, type SiteSettings } from '../content/types.js';
import type { Store } from '../content/store.js';

/** The site's settings, with defaults for anything never set. */
export async function readSettings(store: Store): Promise<SiteSettings> {
  return { ...DEFAULT_SETTINGS, ...(await store.settings.get()) } as SiteSettings;
}
