import { h, replace } from './dom.js';
import { button } from './fields.js';
import { pickMedia } from './media-picker.js';
import type { MediaPreviews } from './media-previews.js';

/** The picture that leads a story and its shares: chosen from the library, shown with its alt text. */
export function featuredImage(options: { previews: MediaPreviews; onChange: () => void }): { element: HTMLFieldSetElement; read(): number | null; load(id: number | null): void } {
  let mediaId: number | null = null;
  const shown = h('div', { class: 'featured', id: 'featured-current' });
  const remove = button('Remove featured image', () => {
    set(null);
    choose.focus();
  }, { variant: 'quiet' });
  const choose = button('Choose featured image', async () => {
    const picked = await pickMedia({ title: 'Choose the featured image' });
    if (!picked) return;
    options.previews.remember(picked.media);
    set(picked.media.id);
  }, { describedBy: 'featured-current' });

  function draw(): void {
    const preview = mediaId === null ? undefined : options.previews.resolve(mediaId);
    replace(
      shown,
      mediaId === null
        ? h('p', null, 'No featured image.')
        : preview
          ? [h('img', { src: preview.url, alt: preview.alt, class: 'featured__img' }), h('p', null, `Featured: ${preview.alt || `picture ${mediaId}`}`)]
          : h('p', null, `Featured: picture ${mediaId}`),
    );
    remove.hidden = mediaId === null;
  }
  function set(id: number | null): void {
    mediaId = id;
    draw();
    options.onChange();
  }
  draw();
  return {
    element: h('fieldset', { class: 'stack', 'data-field': 'featuredMediaId', id: 'featured-fieldset' }, h('legend', null, 'Featured image'), shown, h('div', { class: 'inline-controls' }, choose, remove)),
    read: () => mediaId,
    load(id) {
      mediaId = id;
      draw();
    },
  };
}
