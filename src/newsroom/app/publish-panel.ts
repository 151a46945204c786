import type { PostStatus } from '../../content/types.js';
import { formatDateTime, h, replace } from './dom.js';
import { button, textField } from './fields.js';
import { fromLocalInput, toLocalInput } from './post-payload.js';
import { STATUS_LABELS } from './post-types.js';
import { signedInUser, userCan } from './session.js';

export interface PublishActions {
  submit(control: HTMLElement): void;
  publish(control: HTMLElement): void;
  schedule(control: HTMLElement, publishedAt: string | null): void;
  sendBack(control: HTMLElement): void;
  unpublish(control: HTMLElement): void;
  preview(control: HTMLElement): void;
}

export interface PublishState {
  id: number | null;
  status: PostStatus;
  revision: number | null;
  authorIds: readonly number[];
  publishedAt: string | null;
  updatedAt: string | null;
}

/**
 * The post's status and the steps its status and the writer's role allow:
 * a contributor saves and submits; whoever may publish it publishes,
 * schedules or (an editor, for a post under review) sends it back. Hiding is
 * for clarity only: the server refuses what a role may not do.
 */
export function publishPanel(actions: PublishActions): { element: HTMLElement; draw(state: PublishState): void; publishedAtField: HTMLInputElement } {
  const date = textField({ name: 'publishedAt', label: 'Publication date and time', type: 'datetime-local', hint: `Your time (${Intl.DateTimeFormat().resolvedOptions().timeZone}). Used by Schedule.` });
  const facts = h('dl', { class: 'facts' });
  const buttons = h('div', { class: 'actions actions--stacked' });
  const element = h('section', { class: 'publish-panel stack', 'aria-labelledby': 'publishing-heading' }, h('h2', { id: 'publishing-heading' }, 'Publishing'), facts, buttons, date.element);

  function draw(state: PublishState): void {
    const me = signedInUser();
    const canPublish = userCan('posts.edit-others') || (userCan('posts.publish-own') && me !== undefined && (state.id === null || state.authorIds.includes(me.id)));
    const isUnpublished = state.status === 'draft' || state.status === 'pending';
    date.control.value = toLocalInput(state.publishedAt);
    replace(
      facts,
      h('dt', null, 'Status'),
      h('dd', null, h('span', { class: `status status--${state.status}` }, STATUS_LABELS[state.status])),
      state.publishedAt ? [h('dt', null, state.status === 'scheduled' ? 'Publishes' : 'Published'), h('dd', null, formatDateTime(state.publishedAt))] : null,
      state.revision !== null ? [h('dt', null, 'Revision'), h('dd', null, String(state.revision))] : null,
      state.updatedAt ? [h('dt', null, 'Last saved'), h('dd', null, formatDateTime(state.updatedAt))] : null,
    );
    const id = state.id;
    // Drawn again after every step; the button that had focus keeps it (or its successor, by position).
    const focused = buttons.contains(document.activeElement) ? [...buttons.children].indexOf(document.activeElement as Element) : -1;
    const focusedLabel = focused >= 0 ? document.activeElement?.textContent : undefined;
    const step = (label: string, run: (control: HTMLElement) => void, variant?: 'primary' | 'danger') => button(label, (event) => run(event.currentTarget as HTMLElement), variant ? { variant } : {});
    replace(
      buttons,
      button(isUnpublished ? 'Save draft' : 'Save changes', null, { isSubmit: true, variant: 'primary' }),
      state.status === 'draft' ? step('Submit for review', actions.submit) : null,
      canPublish && isUnpublished ? step('Publish', actions.publish) : null,
      canPublish && state.status !== 'published' && state.status !== 'trashed' ? step('Schedule', (control) => actions.schedule(control, fromLocalInput(date.control.value))) : null,
      userCan('posts.edit-others') && state.status === 'pending' ? step('Send back', actions.sendBack) : null,
      canPublish && (state.status === 'published' || state.status === 'scheduled') ? step('Switch to draft', actions.unpublish, 'danger') : null,
      id !== null ? step('Preview', actions.preview) : null,
      id !== null ? h('a', { href: `/admin/posts/${id}/revisions` }, 'Revisions') : null,
    );
    if (focused >= 0) {
      const controls = [...buttons.children] as HTMLElement[];
      (controls.find((control) => control.textContent === focusedLabel) ?? controls[Math.min(focused, controls.length - 1)])?.focus();
    }
  }
  return { element, draw, publishedAtField: date.control };
}
