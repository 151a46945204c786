import type { FastifyInstance } from 'fastify';
import { SettingsInput } from '../content/schemas.js';
import type { OperationContext } from '../operations/context.js';
import { readSettings } from '../operations/read-settings.js';
import { updateSettings } from '../operations/settings.js';
import { requireCapability } from './guard.js';

const tags = ['Settings'];

/** The site's settings; after a change this process shows it at once, the others within a second (src/change-bus/). */
export async function settingsRoutes(app: FastifyInstance, options: { context: OperationContext; onChange: () => Promise<unknown> }): Promise<void> {
  const { context } = options;
  app.get('/settings', { schema: { tags, summary: 'The site settings' } }, async (request) => {
    requireCapability(request, 'settings.manage', 'see the site settings');
    return { settings: await readSettings(context.store) };
  });

  app.patch('/settings', { schema: { tags, summary: 'Change site settings', body: SettingsInput } }, async (request) => {
    requireCapability(request, 'settings.manage', 'change the site settings');
    const settings = await updateSettings(context, request.body);
    await options.onChange();
    return { settings };
  });
}
