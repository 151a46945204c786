import { get, patch } from './api.js';
import { openDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { announce } from './feedback.js';
import { button, textField } from './fields.js';
import { onSubmit, textOrNull, valueOf } from './forms.js';
import { mediaName, type MediaItem } from './media-types.js';
import { signedInUser, userCan } from './session.js';

interface Usage {
  items: Array<{ id: number; title: string; slug: string; status: string }>;
}

/** A picture's details (editable by roles that may upload) and the posts that show it. */
export function openMediaDetails(options: { media: MediaItem; onSaved: () => Promise<void> }): void {
  const { media } = options;
  openDialog({
    title: `Details of ${mediaName(media)}`,
    content: ({ alert, close }) => {
      const usage = h('div', null, h('p', null, 'Looking for posts that show it…'));
      void get<Usage>(`/media/${media.id}/usage`).then(
        ({ items }) => replace(usage, items.length === 0 ? h('p', null, 'No post shows this picture.') : h('ul', null, items.map((post) => h('li', null, h('a', { href: `/admin/posts/${post.id}` }, post.title || '(untitled)'), ` (${post.status})`)))),
        (error: Error) => replace(usage, h('p', null, `Could not list the posts: ${error.message}`)),
      );
      const preview = h('img', { src: media.url, alt: media.alt, class: 'media-preview', width: media.width, height: media.height });
      const fields = [
        textField({ name: 'alt', label: 'Alt text', value: media.alt, maxLength: 500 }),
        textField({ name: 'caption', label: 'Caption', value: media.caption, isMultiline: true, maxLength: 2000 }),
        textField({ name: 'credit', label: 'Credit', value: media.credit, maxLength: 200, hint: 'The photographer.' }),
        textField({ name: 'agency', label: 'Agency', value: media.agency, maxLength: 200 }),
        textField({ name: 'licence', label: 'Licence', value: media.licence, maxLength: 500 }),
        textField({ name: 'title', label: 'Title', value: media.title, maxLength: 200 }),
      ];
      let form: HTMLElement;
      // The server's rule (update-media-details.ts): one's own uploads, or anyone's for editors.
      const isOwn = media.uploadedBy !== null && media.uploadedBy === signedInUser()?.id;
      if (userCan('media.edit-others') || (userCan('media.upload') && isOwn)) {
        const editable = h('form', { class: 'stack', novalidate: true }, fields.map((f) => f.element), button('Save details', null, { isSubmit: true, variant: 'primary' }));
        onSubmit(editable, alert, async () => {
          await patch(`/media/${media.id}`, {
            alt: valueOf(editable, 'alt'),
            ...Object.fromEntries(['caption', 'credit', 'agency', 'licence', 'title'].map((name) => [name, textOrNull(editable, name)])),
          });
          announce('Picture details saved.');
          close();
          await options.onSaved();
        });
        form = editable;
      } else {
        form = h('dl', { class: 'facts' }, fields.flatMap((f) => [h('dt', null, f.element.querySelector('label')!.textContent), h('dd', null, f.control.value || '—')]));
      }
      return [preview, h('p', { class: 'hint' }, `${media.width} × ${media.height}, ${media.mimeType}`), form, h('h3', null, 'Where it is used'), usage];
    },
  });
}
