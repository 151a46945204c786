import { AppError } from '../lib/errors.js';
import { settingsInput } from '../content/schemas.js';
import type { SiteSettings } from '../content/types.js';
import { isKnownTimeZone, readSettings } from './read-settings.js';
import type { OperationContext } from './context.js';
import { queueRerenderAll } from './queue-jobs.js';

export { isKnownTimeZone };

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
  // Stored pages show the site's title and logo, dates in its language and
  // time zone, and a link to the mobile version when there is one; when one of
  // those changes, every post is rendered again by a job queued in the same
  // transaction (it exists if and only if the change does and there are posts), so the request
  // answers at once; the pages follow within seconds (README, "Jobs").
  return context.store.transaction(async (store) => {
    const before = await readSettings(store);
    await store.settings.put(values);
    // Every process's site context reloads on it (src/change-bus/); recorded here, so a rollback announces nothing.
    await store.changes.record({ kind: 'settings' });
    const after = await readSettings(store);
    const shown = (s: SiteSettings) => [s.title, s.language, s.timezone, s.logoMediaId, s.ampEnabled].join('\u0001');
    // A site with no posts yet (a first set-up, the demo's seeding) has no stored page to update.
    if (shown(before) !== shown(after) && (await store.posts.count()) > 0) await queueRerenderAll({ store, clock: context.clock });
    return after;
  });
}
