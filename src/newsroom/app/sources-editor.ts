import type { Source } from '../../content/types.js';
import { h, replace } from './dom.js';
import { button, textField } from './fields.js';

/**
 * The sources a story cites (outlet, address, note), as rows added and
 * removed with buttons. Controls are named `sources.N.field`, so a refused
 * address is marked on its own row.
 */
export function sourcesEditor(onChange: () => void): { element: HTMLFieldSetElement; read(): Source[]; load(sources: readonly Source[]): void } {
  let rows: Source[] = [];
  const list = h('ol', { class: 'source-rows' });
  const add = button('Add source', () => {
    rows.push({ name: '' });
    draw();
    list.querySelector<HTMLInputElement>('li:last-child input')?.focus();
    onChange();
  });
  const element = h('fieldset', { class: 'stack', 'data-field': 'sources', id: 'sources-fieldset' }, h('legend', null, 'Sources cited'), h('p', { class: 'hint' }, 'Where the story’s facts and quotes come from.'), list, add);

  function draw(): void {
    replace(
      list,
      rows.map((source, index) => {
        const n = index + 1;
        const name = textField({ name: `sources.${index}.name`, label: `Source ${n}: outlet`, value: source.name, maxLength: 200 });
        const url = textField({ name: `sources.${index}.url`, label: `Source ${n}: address`, type: 'url', value: source.url, maxLength: 2048 });
        const note = textField({ name: `sources.${index}.note`, label: `Source ${n}: note`, value: source.note, maxLength: 500 });
        name.control.addEventListener('input', () => (source.name = name.control.value));
        url.control.addEventListener('input', () => (source.url = url.control.value));
        note.control.addEventListener('input', () => (source.note = note.control.value));
        const remove = h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Remove source ${n}` }, 'Remove');
        remove.addEventListener('click', () => {
          rows = rows.filter((other) => other !== source);
          draw();
          onChange();
          add.focus();
        });
        return h('li', { class: 'source-row' }, name.element, url.element, note.element, remove);
      }),
    );
  }

  return {
    element,
    read: () =>
      rows
        .filter((s) => s.name.trim() || s.url?.trim() || s.note?.trim())
        .map((s) => ({ name: s.name.trim(), ...(s.url?.trim() ? { url: s.url.trim() } : {}), ...(s.note?.trim() ? { note: s.note.trim() } : {}) })),
    load(sources) {
      rows = sources.map((s) => ({ ...s }));
      draw();
    },
  };
}
