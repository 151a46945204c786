import { formatDateTime, h, replace } from './dom.js';
import { button } from './fields.js';
import type { LoadedPost } from './post-loading.js';

/** The editor's note when the post was sent back, and unsaved changes from an earlier visit. */
export function showBanners(options: { host: HTMLElement; loaded: LoadedPost | null; restore: () => void; dismissed: () => void }): void {
  const { host, loaded } = options;
  const note = loaded?.reviewNote ?? loaded?.post.reviewNote;
  const noteText = typeof note === 'string' ? note : note?.note;
  const noteBy = typeof note === 'object' && note ? `${note.by?.name ?? 'An editor'}, ${formatDateTime(note.at)}` : 'An editor';
  const autosave = loaded?.autosave;
  const restoreButton = button('Restore my unsaved changes', () => {
    autosaveBanner.remove();
    options.restore();
  });
  const autosaveBanner = h(
    'div',
    { class: 'banner' },
    h('p', null, `You have changes from ${formatDateTime(autosave?.savedAt)} that were not saved.`, autosave?.isStale ? ' Someone has saved this post since: restoring them and saving replaces that save (it stays in the revisions).' : ''),
    h('div', { class: 'inline-controls' }, restoreButton, button('Dismiss', () => {
      autosaveBanner.remove();
      options.dismissed();
    }, { variant: 'quiet' })),
  );
  replace(host, noteText ? h('div', { class: 'banner banner--note' }, h('p', null, h('strong', null, 'Sent back for changes. '), `${noteBy}: `), h('blockquote', null, noteText)) : null, autosave ? autosaveBanner : null);
}
