import { settingsInput } from '../content/schemas.js';
import { DEFAULT_SETTINGS, type SiteSettings } from '../content/types.js';
import type { Store } from '../content/store.js';
import type { FieldIssue } from '../lib/errors.js';

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A stored setting that no longer passes the schema, and so was not used. */
export interface RefusedSetting {
  key: string;
  issues: FieldIssue[];
}

/**
 * The site's settings, with defaults for anything never set. Every stored
 * value is checked again by the schema a change is checked by: one written by
 * an older version (or straight into the table) that no longer passes is left
 * out, its default used instead and the key given to `onRefused`, so a bad
 * value can never stop a process from starting or rendering.
 */
export async function readSettings(store: Store, onRefused?: (refused: RefusedSetting) => void): Promise<SiteSettings> {
  const stored = await store.settings.get();
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(stored)) {
    const issues = Object.hasOwn(DEFAULT_SETTINGS, key) ? settingsInput.issues({ [key]: value }) : [{ path: `/${key}`, message: 'is not a setting' }];
    if (key === 'timezone' && issues.length === 0 && !isKnownTimeZone(String(value))) issues.push({ path: '/timezone', message: 'must be an IANA time zone such as Europe/London' });
    if (issues.length > 0) onRefused?.({ key, issues });
    else settings[key] = value;
  }
  return settings as unknown as SiteSettings;
}
