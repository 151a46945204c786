import type { Config } from '../config.js';
import { AppError } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { readSettings } from '../operations/read-settings.js';
import { updateSettings } from '../operations/settings.js';
import { openStore, storeLocation } from '../store/open-store.js';

/**
 * `key=value` pairs to a settings object. A value is read as JSON when it is
 * one (`false`, `20`, `null`) and as text otherwise (`title=Mamas Uncut`), so
 * the settings schema, not this parser, decides what is valid.
 */
export function parseAssignments(pairs: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at < 1) throw new AppError('BAD_REQUEST', `"${pair}" is not a setting; write key=value, e.g. ampEnabled=false`);
    const text = pair.slice(at + 1);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: plain text
    }
    values[pair.slice(0, at)] = value;
  }
  return values;
}

/** `masthead settings` prints the site's settings; `masthead settings key=value…` changes them, checked as the newsroom's would be. */
export async function runSettings(config: Readonly<Config>, pairs: string[]): Promise<number> {
  const store = await openStore(storeLocation(config));
  try {
    const settings = pairs.length === 0 ? await readSettings(store) : await updateSettings({ store, clock: systemClock }, parseAssignments(pairs));
    process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
