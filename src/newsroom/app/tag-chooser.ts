import type { TagKind } from '../../content/types.js';
import { get, post } from './api.js';
import { h, replace, uniqueId } from './dom.js';
import { announce, showError } from './feedback.js';
import { button, selectField } from './fields.js';
import { kindLabel, TAG_KIND_CHOICES, unwrap, type TagItem, type TagPage } from './taxonomy-types.js';

/**
 * A story's tags: the chosen ones (each with its remove button), a search
 * whose results are buttons that add a tag, and creating a person,
 * organisation or topic on the spot when it does not exist yet.
 */
export function tagChooser(options: { alert: HTMLElement; onChange: () => void }): { element: HTMLFieldSetElement; read(): number[]; items(): TagItem[]; load(tags: readonly TagItem[]): void } {
  let chosen: TagItem[] = [];
  const chosenList = h('ul', { class: 'chips', 'aria-label': 'Chosen tags' });
  const searchId = uniqueId('tag-search');
  const search = h('input', { id: searchId, type: 'search', name: 'tagSearch', autocomplete: 'off', 'aria-describedby': `${searchId}-hint` });
  const results = h('ul', { class: 'tag-results', 'aria-label': 'Matching tags' });
  const count = h('p', { class: 'hint', role: 'status' });
  const kind = selectField({ name: 'newTagKind', label: 'Kind of new tag', choices: TAG_KIND_CHOICES, value: 'topic' });
  const create = button('Create tag', () => void createTag());

  function drawChosen(): void {
    replace(
      chosenList,
      chosen.length === 0
        ? h('li', { class: 'hint' }, 'No tags yet.')
        : chosen.map((tag) => h('li', { class: 'chip' }, `${tag.name} (${kindLabel(tag.kind)}) `, h('button', { type: 'button', class: 'button button--quiet', 'aria-label': `Remove tag ${tag.name}`, onclick: () => remove(tag) }, '×'))),
    );
  }

  function add(tag: TagItem): void {
    if (!chosen.some((t) => t.id === tag.id)) chosen.push(tag);
    drawChosen();
    replace(results);
    count.textContent = '';
    search.value = '';
    search.focus();
    announce(`Tag ${tag.name} added.`);
    options.onChange();
  }

  function remove(tag: TagItem): void {
    chosen = chosen.filter((t) => t.id !== tag.id);
    drawChosen();
    search.focus();
    announce(`Tag ${tag.name} removed.`);
    options.onChange();
  }

  let latest = 0;
  async function find(): Promise<void> {
    const text = search.value.trim();
    const ticket = ++latest;
    create.textContent = text ? `Create tag “${text}”` : 'Create tag';
    if (!text) {
      replace(results);
      count.textContent = '';
      return;
    }
    const { items } = await get<TagPage>('/tags', { text });
    if (ticket !== latest) return;
    const fresh = items.filter((tag) => !chosen.some((t) => t.id === tag.id));
    replace(results, fresh.map((tag) => h('li', null, h('button', { type: 'button', class: 'button', onclick: () => add(tag) }, `Add ${tag.name} (${kindLabel(tag.kind)})`))));
    count.textContent = `${fresh.length} matching ${fresh.length === 1 ? 'tag' : 'tags'}`;
  }

  async function createTag(): Promise<void> {
    const name = search.value.trim();
    if (!name) {
      showError(options.alert, new Error('Type the new tag’s name in “Find or create a tag” first.'));
      search.focus();
      return;
    }
    try {
      add(unwrap<TagItem>(await post('/tags', { name, kind: kind.control.value as TagKind }), 'tag'));
    } catch (error) {
      showError(options.alert, error);
    }
  }

  let timer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void find().catch((error: unknown) => showError(options.alert, error)), 250);
  });
  // Enter in the search adds the first match rather than submitting the whole story.
  search.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    results.querySelector<HTMLButtonElement>('button')?.click();
  });

  const element = h(
    'fieldset',
    { class: 'stack', 'data-field': 'tagIds', id: 'tags-fieldset' },
    h('legend', null, 'Tags'),
    chosenList,
    h('div', { class: 'field' }, h('label', { for: searchId }, 'Find or create a tag'), h('p', { class: 'hint', id: `${searchId}-hint` }, 'Type a name: matching tags appear below as buttons. People and organisations are tags too.'), search),
    count,
    results,
    h('div', { class: 'inline-controls' }, kind.element, create),
  );
  drawChosen();
  return {
    element,
    read: () => chosen.map((t) => t.id),
    items: () => [...chosen],
    load(tags) {
      chosen = [...tags];
      drawChosen();
    },
  };
}
