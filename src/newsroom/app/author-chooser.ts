import { h, replace, uniqueId } from './dom.js';

export interface Person {
  id: number;
  name: string;
}

/** A story's authors as checkboxes, one per person the newsroom knows of. */
export function authorChooser(onChange: () => void): { element: HTMLFieldSetElement; read(): number[]; load(input: { people: readonly Person[]; chosen: readonly number[] }): void } {
  const boxes = h('div', { class: 'checkbox-list' });
  const element = h('fieldset', { class: 'stack', 'data-field': 'authorIds', id: 'authors-fieldset' }, h('legend', null, 'Authors'), boxes);
  return {
    element,
    read: () => [...boxes.querySelectorAll<HTMLInputElement>('input:checked')].map((box) => Number(box.value)),
    load({ people, chosen }) {
      replace(
        boxes,
        people.map((person) => {
          const id = uniqueId('author');
          const box = h('input', { type: 'checkbox', id, name: 'author', value: person.id, checked: chosen.includes(person.id) });
          box.addEventListener('change', onChange);
          return h('div', { class: 'field field--inline' }, box, h('label', { for: id }, person.name));
        }),
      );
    },
  };
}
