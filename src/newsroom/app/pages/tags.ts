import { del, get, patch, post } from '../api.js';
import { confirmDialog, openDialog } from '../dialog.js';
import { h, replace } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { button, selectField, textField, whileBusy } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { pageNumber, pager, withQuery } from '../pager.js';
import { navigate } from '../router.js';
import { tagFields } from '../tag-fields.js';
import { openTagMerge } from '../tag-merge.js';
import { kindLabel, TAG_KIND_CHOICES, type TagItem, type TagPage } from '../taxonomy-types.js';

/** Topics, people and organisations: add, find, edit, merge and delete them. */
export async function tagsPage({ root, alert, query }: PageContext): Promise<void> {
  const page = pageNumber(query);
  const filters = { text: query.get('text') ?? '', kind: query.get('kind') ?? '' };
  const list = h('div', { class: 'table-wrap' });

  const adding = h('form', { class: 'stack narrow', novalidate: true });
  let fields = tagFields();
  // Drawn afresh after each tag is added, so the next starts without the last one's picture.
  const drawAdding = () => {
    fields = tagFields();
    replace(adding, fields.elements, button('Add tag', null, { isSubmit: true, variant: 'primary' }));
  };
  drawAdding();
  onSubmit(adding, alert, async () => {
    const input = fields.input(adding);
    await post('/tags', input);
    drawAdding();
    announce(`${String(input.name)} added.`);
    await draw();
  });

  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find tags' },
    textField({ name: 'text', label: 'Search tags', type: 'search', value: filters.text }).element,
    selectField({ name: 'kind', label: 'Kind of tag', choices: [{ value: '', label: 'Any kind' }, ...TAG_KIND_CHOICES], value: filters.kind }).element,
    button('Filter', null, { isSubmit: true }),
  );
  onSubmit(filter, alert, async () => navigate(withQuery('/admin/tags', { text: valueOf(filter, 'text'), kind: valueOf(filter, 'kind') })));

  function edit(tag: TagItem): void {
    openDialog({
      title: `Edit ${tag.name}`,
      content: ({ alert: dialogAlert, close }) => {
        const editing = tagFields(tag);
        const form = h('form', { class: 'stack', novalidate: true }, editing.elements, button('Save tag', null, { isSubmit: true, variant: 'primary' }));
        onSubmit(form, dialogAlert, async () => {
          await patch(`/tags/${tag.id}`, editing.input(form));
          announce(`${valueOf(form, 'name')} saved.`);
          close();
          await draw();
        });
        return form;
      },
    });
  }

  async function remove(control: HTMLElement, tag: TagItem): Promise<void> {
    if (!(await confirmDialog({ title: `Delete ${tag.name}?`, message: 'It is taken off every post that has it, and its page stops working. To keep its posts together under another tag, merge it instead.', confirmLabel: 'Delete tag' }))) return;
    await whileBusy(control, async () => {
      try {
        await del(`/tags/${tag.id}`);
        announce(`${tag.name} deleted.`);
        await draw();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  function row(tag: TagItem): HTMLTableRowElement {
    const deleting = h('button', { type: 'button', class: 'button button--danger', 'aria-label': `Delete ${tag.name}` }, 'Delete');
    deleting.addEventListener('click', () => void remove(deleting, tag));
    return h(
      'tr',
      null,
      h('th', { scope: 'row' }, tag.name),
      h('td', null, kindLabel(tag.kind)),
      h('td', null, tag.slug),
      h('td', { class: 'inline-controls' },
        h('button', { type: 'button', class: 'button', 'aria-label': `Edit ${tag.name}`, onclick: () => edit(tag) }, 'Edit'),
        h('button', { type: 'button', class: 'button', 'aria-label': `Merge ${tag.name}`, onclick: () => openTagMerge(tag, draw) }, 'Merge'),
        deleting,
      ),
    );
  }

  async function draw(): Promise<void> {
    const found = await get<TagPage>('/tags', { ...filters, page });
    replace(
      list,
      found.items.length === 0
        ? h('p', null, 'No tags match.')
        : h('table', null, h('thead', null, h('tr', null, ['Name', 'Kind', 'Slug', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))), h('tbody', null, found.items.map(row))),
      found.total !== undefined ? pager({ total: found.total, page, perPage: found.perPage ?? Math.max(found.items.length, 1), label: 'Pages of tags', hrefFor: (n) => withQuery('/admin/tags', { ...filters, page: n }) }) : null,
    );
  }

  replace(root, pageHeading('Tags'), h('h2', null, 'Add a tag'), adding, h('h2', null, 'Find tags'), filter, list);
  await draw();
}
