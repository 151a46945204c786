import type { FeedContent, SiteSettings } from '../../../content/types.js';
import { get, patch } from '../api.js';
import { h, replace } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { button, checkboxField, radioGroup, textField } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pickMedia } from '../media-picker.js';
import { menuEditor, type MenuItem } from '../menu-editor.js';
import { pageHeading, type LeavePage, type PageContext } from '../page.js';
import { pendingRerender, type JobPage } from '../job-types.js';
import { userCan } from '../session.js';

type Settings = SiteSettings & { navigation?: MenuItem[] };

/** The site's settings; only what changed is sent, so two administrators editing different settings do not undo each other. */
export async function settingsPage({ root, alert }: PageContext): Promise<LeavePage> {
  const { settings } = await get<{ settings: Settings }>('/settings');
  // Pages show the title, logo, language and time zone: a change to one is carried to every page by a
  // background job (the Jobs page); while it runs, this says how far it has come.
  const rerender = h('p', { role: 'status', id: 'rerender-status', class: 'hint' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  async function followRerender(): Promise<void> {
    clearTimeout(timer);
    if (!userCan('jobs.manage')) return;
    const job = pendingRerender(await get<JobPage>('/jobs', { kind: 'rerender-all', status: 'queued,running', page: 1, perPage: 1 }));
    if (!job) {
      if (rerender.textContent) rerender.textContent = 'Every page shows the new settings.';
      return;
    }
    const { done, total } = job.progress;
    rerender.textContent = `Pages are being updated (${done.toLocaleString()} of ${(total ?? done).toLocaleString()}).`;
    timer = setTimeout(() => void followRerender().catch((error: unknown) => showError(alert, error)), 1_000);
  }
  let logoMediaId = settings.logoMediaId;
  const logoText = h('p', { id: 'logo-current' });
  const removeLogo = button('Remove logo', () => setLogo(null), { variant: 'quiet' });
  function setLogo(id: number | null, name?: string): void {
    logoMediaId = id;
    logoText.textContent = id === null ? 'No logo: the site’s title is shown instead.' : `Logo: ${name ?? `picture ${id}`}`;
    removeLogo.hidden = id === null;
  }
  setLogo(logoMediaId);
  const chooseLogo = button('Choose logo', async () => {
    const picked = await pickMedia({ title: 'Choose the logo' });
    if (picked) setLogo(picked.media.id, picked.media.alt || picked.media.title || undefined);
  }, { describedBy: 'logo-current' });

  const zones = h('datalist', { id: 'time-zones' }, Intl.supportedValuesOf('timeZone').map((zone) => h('option', { value: zone })));
  const timezone = textField({ name: 'timezone', label: 'Time zone', value: settings.timezone, hint: 'Where dates on pages and in feeds are shown, e.g. America/New_York.' });
  timezone.control.setAttribute('list', 'time-zones');
  const amp = checkboxField({ name: 'ampEnabled', label: 'Serve the mobile version (AMP) of every article', isChecked: settings.ampEnabled });
  const feed = radioGroup({ name: 'feedContent', label: 'What feeds carry', value: settings.feedContent, choices: [{ value: 'full', label: 'The whole story, with pictures' }, { value: 'excerpt', label: 'Only its summary' }] });
  const menu = settings.navigation ? menuEditor(settings.navigation) : undefined;

  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    textField({ name: 'title', label: 'Site title', value: settings.title, isRequired: true, maxLength: 200 }).element,
    textField({ name: 'tagline', label: 'Tagline', value: settings.tagline, maxLength: 300 }).element,
    h('fieldset', { class: 'stack', 'data-field': 'logoMediaId', id: 'logo-fieldset' }, h('legend', null, 'Logo'), h('p', { class: 'hint' }, 'Google asks for 600 × 60 pixels.'), logoText, h('div', { class: 'inline-controls' }, chooseLogo, removeLogo)),
    textField({ name: 'language', label: 'Language', value: settings.language, hint: 'A language tag such as en, en-GB or fr.' }).element,
    timezone.element,
    zones,
    textField({ name: 'postsPerPage', label: 'Stories per archive page', type: 'number', min: 1, max: 100, value: settings.postsPerPage }).element,
    menu?.element,
    amp.element,
    feed.element,
    button('Save settings', null, { isSubmit: true, variant: 'primary' }),
  );
  onSubmit(form, alert, async () => {
    const wanted: Partial<Settings> = {
      title: valueOf(form, 'title'),
      tagline: valueOf(form, 'tagline'),
      language: valueOf(form, 'language'),
      timezone: valueOf(form, 'timezone'),
      logoMediaId,
      postsPerPage: Number(valueOf(form, 'postsPerPage')),
      ampEnabled: amp.control.checked,
      feedContent: feed.value() as FeedContent,
      ...(menu ? { navigation: menu.items() } : {}),
    };
    const changes = Object.fromEntries(Object.entries(wanted).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(settings[key as keyof Settings])));
    if (Object.keys(changes).length === 0) {
      announce('Nothing has changed.');
      return;
    }
    const saved = await patch<{ settings: Settings }>('/settings', changes);
    Object.assign(settings, saved.settings);
    announce('Settings saved. The site shows them now.');
    await followRerender();
  });
  replace(root, pageHeading('Site settings'), rerender, form);
  await followRerender();
  return () => clearTimeout(timer);
}
