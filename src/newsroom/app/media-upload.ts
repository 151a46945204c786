import { api, ApiError } from './api.js';
import { h, replace } from './dom.js';
import { announce } from './feedback.js';
import { button, textField } from './fields.js';
import { onSubmit, valueOf } from './forms.js';
import type { MediaItem, Prefilled } from './media-types.js';

const PREFILL_LABELS: Record<keyof Prefilled, string> = { credit: 'Credit', agency: 'Agency', caption: 'Caption', licence: 'Licence', title: 'Title' };

/**
 * Uploading a picture with its details. What the file itself says (IPTC and
 * EXIF credit, agency, caption…) is filled in by the server when the form
 * leaves it empty, and is then shown, so it can be checked.
 */
export function uploadForm(options: { alert: HTMLElement; onUploaded: (media: MediaItem) => void | Promise<void> }): HTMLFormElement {
  const file = textField({ name: 'file', label: 'Picture file', type: 'file', accept: 'image/jpeg,image/png,image/webp,image/avif,image/gif', isRequired: true, hint: 'JPEG, PNG, WebP, AVIF or GIF.' });
  const read = h('div', { class: 'note', hidden: true });
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    file.element,
    textField({ name: 'alt', label: 'Alt text', maxLength: 500, hint: 'What the picture shows, for people who cannot see it. Needed before a story showing it is published.' }).element,
    textField({ name: 'caption', label: 'Caption', isMultiline: true, maxLength: 2000 }).element,
    textField({ name: 'credit', label: 'Credit', maxLength: 200, hint: 'The photographer. Left empty, it is read from the file when the file names one.' }).element,
    textField({ name: 'agency', label: 'Agency', maxLength: 200 }).element,
    textField({ name: 'licence', label: 'Licence', maxLength: 500 }).element,
    button('Upload', null, { isSubmit: true, variant: 'primary' }),
    read,
  );
  onSubmit(form, options.alert, async () => {
    const chosen = file.control.files?.[0];
    if (!chosen) throw new ApiError(0, 'NO_FILE', 'Choose a picture file to upload.', [{ path: '/file', message: 'choose a picture file' }]);
    const data = new FormData();
    for (const name of ['alt', 'caption', 'credit', 'agency', 'licence']) {
      const value = valueOf(form, name);
      if (value) data.append(name, value);
    }
    // The file goes last, so the server has the details by the time it reads the bytes.
    data.append('file', chosen, chosen.name);
    const answer = await api<{ media: MediaItem; prefilled?: Prefilled }>('POST', '/media', data);
    const prefilled = Object.entries(answer.prefilled ?? {}).filter(([, value]) => value) as Array<[keyof Prefilled, string]>;
    form.reset();
    if (prefilled.length > 0) {
      const credit = prefilled.find(([key]) => key === 'credit');
      replace(read, h('p', null, credit ? 'Credit read from the file.' : 'Details read from the file.'), h('ul', null, prefilled.map(([key, value]) => h('li', null, `${PREFILL_LABELS[key]}: ${value}`))));
      read.hidden = false;
      announce(`Uploaded. ${credit ? `Credit read from the file: ${credit[1]}.` : 'Details read from the file.'}`);
    } else {
      read.hidden = true;
      announce('Uploaded.');
    }
    await options.onUploaded(answer.media);
  });
  return form;
}
