import { AppError } from '../lib/errors.js';
import { settingsInput } from '../content/schemas.js';
import { DEFAULT_SETTINGS, type SiteSettings } from '../content/types.js';
import type { Store } from '../content/store.js';
import type { OperationContext } from './context.js';

export async function readSettings(store: Store): Promise<SiteSettings> {
  return { ...DEFAULT_SETTINGS, ...(await store.settings.get()) } as SiteSettings;
}

export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function updateSettings(context: OperationContext, input: unknown): Promise<SiteSettings> {
  const values = settingsInput.parse(input);
  if (values.timezone && !isKnownTimeZone(values.timezone)) {
    throw new AppError('VALIDATION_FAILED', `Unknown time zone "${values.timezone}"`, {
      issues: [{ path: '/timezone', message: 'must be an IANA time zone such as Europe/London' }],
    });
  }
  if (values.logoMediaId && !(await context.store.media.findById(values.logoMediaId))) {
    throw new AppError('VALIDATION_FAILED', `No media has id ${values.logoMediaId}`, {
      issues: [{ path: '/logoMediaId', message: `no media has id ${values.logoMediaId}` }],
    });
  }
  await context.store.settings.put(values);
  return readSettings(context.store);
}
