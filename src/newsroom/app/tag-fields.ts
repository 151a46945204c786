import { h } from './dom.js';
import { button, selectField, textField } from './fields.js';
import { valueOf } from './forms.js';
import { pickMedia } from './media-picker.js';
import { TAG_KIND_CHOICES, type TagItem } from './taxonomy-types.js';

/** A tag's fields, its picture (people and organisations have pages with one) chosen from the library. */
export function tagFields(tag?: TagItem): { elements: HTMLElement[]; input(form: HTMLFormElement): Record<string, unknown> } {
  let imageMediaId = tag?.imageMediaId ?? null;
  const current = h('p', { id: `tag-image-${tag?.id ?? 'new'}` });
  const remove = button('Remove picture', () => show(null), { variant: 'quiet' });
  function show(id: number | null, name?: string): void {
    imageMediaId = id;
    current.textContent = id === null ? 'No picture.' : `Picture: ${name ?? `picture ${id}`}`;
    remove.hidden = id === null;
  }
  show(imageMediaId);
  const choose = button('Choose picture', async () => {
    const picked = await pickMedia({ title: 'Choose the tag’s picture' });
    if (picked) show(picked.media.id, picked.media.alt || undefined);
  }, { describedBy: current.id });
  const elements = [
    textField({ name: 'name', label: 'Name', value: tag?.name, isRequired: true, maxLength: 200 }).element,
    textField({ name: 'slug', label: 'Slug', value: tag?.slug, maxLength: 200, hint: 'The address: /tag/slug/. Left empty, it is made from the name.' }).element,
    selectField({ name: 'kind', label: 'Kind', choices: TAG_KIND_CHOICES, value: tag?.kind ?? 'topic', hint: 'People and organisations get a page of their own, with a picture and description.' }).element,
    textField({ name: 'description', label: 'Description', value: tag?.description, isMultiline: true, maxLength: 2000 }).element,
    h('fieldset', { class: 'stack', 'data-field': 'imageMediaId', id: `tag-image-fieldset-${tag?.id ?? 'new'}` }, h('legend', null, 'Picture'), current, h('div', { class: 'inline-controls' }, choose, remove)),
  ];
  return {
    elements,
    input: (form) => {
      const slug = valueOf(form, 'slug');
      return { name: valueOf(form, 'name'), ...(slug ? { slug } : {}), kind: valueOf(form, 'kind'), description: valueOf(form, 'description'), imageMediaId };
    },
  };
}
