import type { Config } from '../config.js';
import { AppError, validationFailed } from '../lib/errors.js';
import { systemClock } from '../lib/clock.js';
import { readSettings, type RefusedSetting } from '../operations/read-settings.js';
import { updateSettings } from '../operations/settings.js';
import { openStore, storeLocation } from '../store/open-store.js';
import { purgeCdnOfChanges } from './cdn-purge.js';

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
    const key = pair.slice(0, at);
    const text = pair.slice(at + 1);
    // Node turns bytes that are not UTF-8 (a lone surrogate written as $'\xed\xa0\x80') into U+FFFD;
    // storing that would keep a mangled value, so it is refused as the API refuses the surrogate itself.
    if (text.includes('\ufffd')) throw validationFailed([{ path: `/${key}`, message: 'is not valid UTF-8 text: the shell passed bytes that are not characters' }]);
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // not JSON: plain text
    }
    values[key] = value;
  }
  return values;
}

/** `masthead settings` prints the site's settings; `masthead settings key=value…` changes them, checked as the newsroom's would be. */
export async function runSettings(config: Readonly<Config>, pairs: string[]): Promise<number> {
  const store = await openStore(storeLocation(config));
  const finishPurging = purgeCdnOfChanges(config, store);
  try {
    const warn = ({ key, issues }: RefusedSetting) =>
      process.stderr.write(`masthead: the stored setting "${key}" is not valid (${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}); its default is shown. Set it again to fix it.\n`);
    const settings = pairs.length === 0 ? await readSettings(store, warn) : await updateSettings({ store, clock: systemClock }, parseAssignments(pairs));
    process.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
    return 0;
  } finally {
    await finishPurging();
    await store.close();
  }
}
