import { get } from './api.js';
import { openDialog } from './dialog.js';
import { h, replace } from './dom.js';
import { showError } from './feedback.js';
import { button, textField } from './fields.js';
import { onSubmit, valueOf } from './forms.js';
import { uploadForm } from './media-upload.js';
import { creditOf, mediaName, type MediaItem, type MediaPage } from './media-types.js';
import { userCan } from './session.js';

const PER_PAGE = 24;

export interface PickedMedia {
  media: MediaItem;
  caption?: string;
}

/**
 * The media library as a dialog: search it, or upload a picture (for roles
 * that may), and choose one. Resolves undefined when closed without choosing.
 */
export function pickMedia(options: { title: string; isAskingCaption?: boolean }): Promise<PickedMedia | undefined> {
  return new Promise((resolve) => {
    let picked: PickedMedia | undefined;
    openDialog({
      title: options.title,
      closeLabel: 'Cancel',
      onClose: () => resolve(picked),
      content: ({ alert, close }) => {
        const caption = options.isAskingCaption ? textField({ name: 'pickCaption', label: 'Caption in this story', hint: 'Optional. Left empty, the picture’s own caption is shown.', maxLength: 2000 }) : undefined;
        const results = h('ul', { class: 'media-grid' });
        const count = h('p', { role: 'status', class: 'hint' });
        const choose = (media: MediaItem) => {
          const text = caption?.control.value.trim();
          picked = { media, ...(text ? { caption: text } : {}) };
          close();
        };
        let page = 1;
        const more = button('Show more pictures', () => void load(page + 1));
        const search = h('form', { class: 'inline-form', role: 'search' }, textField({ name: 'text', label: 'Search pictures', type: 'search' }).element, button('Search', null, { isSubmit: true }));
        async function load(next: number): Promise<void> {
                    try {
            const found = await get<MediaPage>('/media', { text: valueOf(search, 'text'), page: next, perPage: PER_PAGE });
            page = next;
            const items = found.items.map((media) =>
              h(
                'li',
                { class: 'media-card' },
                h('img', { src: media.thumbnailUrl || media.url, alt: '', width: 160, height: Math.round((160 * media.height) / Math.max(media.width, 1)), loading: 'lazy' }),
                h('p', null, mediaName(media)),
                creditOf(media) ? h('p', { class: 'hint' }, creditOf(media)) : null,
                h('button', { type: 'button', class: 'button', 'aria-label': `Choose ${mediaName(media)}`, onclick: () => choose(media) }, 'Choose'),
              ),
            );
            if (next === 1) replace(results, items.length > 0 ? items : h('li', null, 'No pictures match.'));
            else results.append(...items);
            more.hidden = page * PER_PAGE >= found.total;
            count.textContent = `${found.total} ${found.total === 1 ? 'picture' : 'pictures'}`;
          } catch (error) {
            showError(alert, error);
          }
        }
        onSubmit(search, alert, () => load(1));
        void load(1);
        const upload = userCan('media.upload') ? h('details', { class: 'upload' }, h('summary', null, 'Upload a new picture'), uploadForm({ alert, onUploaded: choose })) : null;
        return [caption?.element, search, count, results, more, upload];
      },
    });
  });
}
