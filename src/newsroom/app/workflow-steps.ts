import { ApiError, post as send } from './api.js';
import { isStaleSave } from './conflict-panel.js';
import { confirmDialog, openDialog } from './dialog.js';
import { formatDateTime, h, replace, uniqueId } from './dom.js';
import { announce, showError } from './feedback.js';
import { button, textField, whileBusy } from './fields.js';
import { onSubmit } from './forms.js';
import type { PublishActions } from './publish-panel.js';
import type { EditablePost } from './post-types.js';

export interface WorkflowInput {
  alert: HTMLElement;
  current(): EditablePost | null;
  isDirty(): boolean;
  /** Saves the form; false when it could not (the reason is already shown). */
  save(): Promise<boolean>;
  reload(): Promise<void>;
  updated(post: EditablePost, options: { isFormSaved: boolean }): void;
  conflict(error: ApiError): void;
}

/**
 * The review workflow's steps. Each saves unsaved changes first (so what is
 * published is what is on screen), then names the revision it acts on, as a
 * save does: a step on a post that moved on is refused like a stale save.
 */
export function workflowSteps(input: WorkflowInput): PublishActions & { previewHost: HTMLElement } {
  const previewHost = h('div', { class: 'preview-link' });

  async function step(control: HTMLElement, action: string, body: Record<string, unknown>, said: (post: EditablePost) => string): Promise<void> {
    await whileBusy(control, async () => {
      if ((input.isDirty() || !input.current()) && !(await input.save())) return;
      const post = input.current()!;
      try {
        const answer = await send<{ post?: EditablePost }>(`/posts/${post.id}/${action}`, { revision: post.revision, ...body });
        if (answer?.post) input.updated(answer.post, { isFormSaved: true });
        else await input.reload();
        announce(said(input.current()!));
      } catch (error) {
        if (isStaleSave(error)) input.conflict(error);
        else showError(input.alert, error);
      }
    });
  }

  const whenPublished = (post: EditablePost) => (post.status === 'scheduled' ? `Scheduled for ${formatDateTime(post.publishedAt)}.` : 'Published.');

  return {
    previewHost,
    submit: (control) => void step(control, 'submit', {}, () => 'Submitted for review. An editor will publish it or send it back with a note.'),
    publish: (control) => void step(control, 'approve', {}, whenPublished),
    schedule(control, publishedAt) {
      if (!publishedAt || new Date(publishedAt) <= new Date()) {
        const field = document.querySelector<HTMLInputElement>('input[name="publishedAt"]');
        showError(input.alert, new ApiError(422, 'VALIDATION_FAILED', 'Choose when to publish it: a date and time still to come.', [{ path: '/publishedAt', message: 'must be in the future' }]), field?.form ?? undefined);
        return;
      }
      void step(control, 'schedule', { publishedAt }, whenPublished);
    },
    unpublish: async (control) => {
      const isSure = await confirmDialog({ title: 'Take this post off the site?', message: 'It goes back to being a draft: readers no longer see it until it is published again.', confirmLabel: 'Switch to draft' });
      if (isSure) await step(control, 'unpublish', {}, () => 'Unpublished: the post is a draft again.');
    },
    sendBack(control) {
      openDialog({
        title: 'Send back to the writer',
        closeLabel: 'Cancel',
        content: ({ alert, close }) => {
          const note = textField({ name: 'note', label: 'Note for the writer', isMultiline: true, isRequired: true, maxLength: 2000, hint: 'What to change before it can be published.' });
          const form = h('form', { class: 'stack', novalidate: true }, note.element, button('Send back', null, { isSubmit: true, variant: 'primary' }));
          onSubmit(form, alert, async () => {
            if (!note.control.value.trim()) throw new ApiError(422, 'VALIDATION_FAILED', 'Say what the writer should change.', [{ path: '/note', message: 'must say what to change' }]);
            const text = note.control.value.trim();
            close();
            await step(control, 'send-back', { note: text }, () => 'Sent back to the writer with your note.');
          });
          return form;
        },
      });
    },
    preview: (control) =>
      void whileBusy(control, async () => {
        if ((input.isDirty() || !input.current()) && !(await input.save())) return;
        try {
          const { url } = await send<{ url: string }>(`/posts/${input.current()!.id}/preview`, {});
          const id = uniqueId('preview-url');
          const field = h('input', { id, type: 'text', readonly: true, value: url });
          replace(previewHost, h('p', null, h('a', { href: url, target: '_blank', rel: 'noopener' }, 'Open the preview (new tab)')), h('div', { class: 'field' }, h('label', { for: id }, 'Private preview link'), h('p', { class: 'hint' }, 'Anyone with this link can read the draft until it expires.'), field));
          announce('Preview link ready.');
        } catch (error) {
          showError(input.alert, error);
        }
      }),
  };
}
