import { h, replace } from './dom.js';
import { button, textField } from './fields.js';

export interface MenuItem {
  label: string;
  url: string;
}

/**
 * A navigation menu as rows of label and address, added, removed and moved
 * with buttons (no dragging, so the keyboard does it all). Controls are named
 * `navigation.N.label`, so a refused item's issue lands beside it.
 */
export function menuEditor(initial: readonly MenuItem[]): { element: HTMLFieldSetElement; items(): MenuItem[] } {
  let items = initial.map((item) => ({ ...item }));
  const rows = h('ol', { class: 'menu-rows' });
  const element = h('fieldset', { class: 'stack' }, h('legend', null, 'Navigation menu'), h('p', { class: 'hint' }, 'The links in the site’s header, in order.'), rows, button('Add menu link', () => {
    items.push({ label: '', url: '' });
    draw();
    rows.querySelector<HTMLInputElement>('li:last-child input')?.focus();
  }));

  function move(index: number, by: number): void {
    const [item] = items.splice(index, 1);
    items.splice(index + by, 0, item!);
    draw();
  }

  function draw(): void {
    replace(
      rows,
      items.map((item, index) => {
        const n = index + 1;
        const label = textField({ name: `navigation.${index}.label`, label: `Link ${n} text`, value: item.label, maxLength: 60 });
        const url = textField({ name: `navigation.${index}.url`, label: `Link ${n} address`, value: item.url, maxLength: 2000, hint: index === 0 ? 'A path on this site (/category/news/) or a full address.' : undefined });
        label.control.addEventListener('input', () => (item.label = label.control.value));
        url.control.addEventListener('input', () => (item.url = url.control.value));
        return h(
          'li',
          { class: 'menu-row' },
          label.element,
          url.element,
          h('div', { class: 'inline-controls' },
            index > 0 ? h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Move link ${n} up`, onclick: () => move(index, -1) }, 'Up') : null,
            index < items.length - 1 ? h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Move link ${n} down`, onclick: () => move(index, 1) }, 'Down') : null,
            h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Remove link ${n}`, onclick: () => { items = items.filter((other) => other !== item); draw(); } }, 'Remove'),
          ),
        );
      }),
    );
  }
  draw();
  return { element, items: () => items.filter((item) => item.label.trim() || item.url.trim()).map((item) => ({ label: item.label.trim(), url: item.url.trim() })) };
}
