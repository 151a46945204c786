import { get, post } from './api.js';
import { openDialog } from './dialog.js';
import { h, replace, uniqueId } from './dom.js';
import { announce, showError } from './feedback.js';
import { button, textField } from './fields.js';
import { onSubmit, valueOf } from './forms.js';
import { kindLabel, type TagItem, type TagPage } from './taxonomy-types.js';

/** Folds one tag into another (duplicates, misspellings): its posts get the other tag, and it is gone. */
export function openTagMerge(tag: TagItem, onMerged: () => Promise<void>): void {
  openDialog({
    title: `Merge ${tag.name} into another tag`,
    closeLabel: 'Cancel',
    content: ({ alert, close }) => {
      const search = h('form', { class: 'inline-form', role: 'search' }, textField({ name: 'text', label: 'Find the tag to keep', type: 'search', value: tag.name }).element, button('Search', null, { isSubmit: true }));
      const choices = h('fieldset', { class: 'choices' }, h('legend', null, 'Tag to keep'));
      const merge = h('form', { class: 'stack', novalidate: true }, choices, button('Merge', null, { isSubmit: true, variant: 'danger' }));
      async function find(): Promise<void> {
        const { items } = await get<TagPage>('/tags', { text: valueOf(search, 'text') });
        const others = items.filter((other) => other.id !== tag.id);
        replace(
          choices,
          h('legend', null, 'Tag to keep'),
          others.length === 0
            ? h('p', null, 'No other tag matches.')
            : others.map((other) => {
                const id = uniqueId('merge-into');
                return h('div', { class: 'field field--inline' }, h('input', { type: 'radio', id, name: 'into', value: other.id }), h('label', { for: id }, `${other.name} (${kindLabel(other.kind)}, /tag/${other.slug}/)`));
              }),
        );
      }
      onSubmit(search, alert, find);
      onSubmit(merge, alert, async () => {
        const into = merge.querySelector<HTMLInputElement>('input[name="into"]:checked');
        if (!into) {
          showError(alert, new Error('Choose the tag to keep.'));
          return;
        }
        await post(`/tags/${tag.id}/merge`, { into: Number(into.value) });
        announce(`${tag.name} merged.`);
        close();
        await onMerged();
      });
      void find().catch((error: unknown) => showError(alert, error));
      return [h('p', null, `Every post tagged ${tag.name} gets the tag you keep instead, and ${tag.name} is deleted.`), search, merge];
    },
  });
}
