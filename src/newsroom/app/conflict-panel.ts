import { ApiError } from './api.js';
import { bodyText } from './body-text.js';
import { formatDateTime, h, replace, uniqueId } from './dom.js';
import { announce } from './feedback.js';
import { button } from './fields.js';
import type { PostFields } from './post-types.js';

/** A save refused because the post moved on, as opposed to a slug already taken (also a conflict). */
export function isStaleSave(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 409 && (error.current !== undefined || error.issues.some((issue) => issue.path === '/revision'));
}

/** The writer's refused version as text anyone can paste anywhere. */
export function versionText(fields: PostFields): string {
  return [`Title: ${fields.title}`, fields.excerpt ? `Excerpt: ${fields.excerpt}` : '', bodyText(fields.body)].filter(Boolean).join('\n\n');
}

/**
 * A save refused because someone saved after the writer opened the post.
 * Both versions stay: the writer's is still in the form (and can be copied),
 * theirs can be loaded, and after that the writer's can be put back.
 */
export function showConflict(options: {
  host: HTMLElement;
  error: ApiError;
  mine: PostFields;
  loadTheirs: () => Promise<void>;
  putMineBack: (mine: PostFields) => void;
}): void {
  const { host, error, mine } = options;
  const who = error.current?.savedBy?.name ?? 'Someone';
  const when = error.current?.savedAt ? formatDateTime(error.current.savedAt) : undefined;
  const headingId = uniqueId('conflict');
  const textId = uniqueId('my-version');
  const text = h('textarea', { id: textId, readonly: true, rows: 8 });
  text.value = versionText(mine);
  const kept = h('div', { class: 'field' }, h('label', { for: textId }, 'Your version, as text'), text);
  const copy = button('Copy my version', async () => {
    try {
      await navigator.clipboard.writeText(text.value);
      announce('Your version is copied. Paste it anywhere to keep it.');
    } catch {
      // Without clipboard access, the text is selected for Ctrl+C.
      text.focus();
      text.select();
      announce('Your version is selected: press Ctrl+C (or ⌘C) to copy it.');
    }
  });
  const putBack = button('Put my version back', () => {
    options.putMineBack(mine);
    announce('Your version is back in the form. Saving it now replaces theirs; their version stays in the revisions.');
    putBack.hidden = true;
  });
  putBack.hidden = true;
  const load = button('Load their version', async () => {
    await options.loadTheirs();
    putBack.hidden = false;
    announce(`${who}’s version is in the form now. Yours is kept below.`);
  });
  replace(
    host,
    h(
      'section',
      { class: 'conflict', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, 'Your changes were not saved'),
      h('p', { role: 'alert' }, when ? `${who} saved this post at ${when}${error.current ? ` (revision ${error.current.revision})` : ''}, after you opened it. ` : `${error.message}. `, 'Nothing is lost: your version is still in the form.'),
      h('div', { class: 'inline-controls' }, copy, load, putBack),
      kept,
    ),
  );
  host.hidden = false;
}

export function clearConflict(host: HTMLElement): void {
  replace(host);
  host.hidden = true;
}
