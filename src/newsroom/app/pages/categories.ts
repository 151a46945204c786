import { del, get, patch, post } from '../api.js';
import { confirmDialog, openDialog } from '../dialog.js';
import { h, replace } from '../dom.js';
import { announce, showError } from '../feedback.js';
import { button, selectField, textField, whileBusy } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import type { CategoryItem } from '../taxonomy-types.js';

function categoryFields(all: readonly CategoryItem[], category?: CategoryItem) {
  const parents = [{ value: '', label: 'None (top level)' }, ...all.filter((c) => c.id !== category?.id).map((c) => ({ value: String(c.id), label: c.name }))];
  return [
    textField({ name: 'name', label: 'Name', value: category?.name, isRequired: true, maxLength: 200 }).element,
    textField({ name: 'slug', label: 'Slug', value: category?.slug, hint: 'The address: /category/slug/. Left empty, it is made from the name.', maxLength: 200 }).element,
    selectField({ name: 'parentId', label: 'Parent category', choices: parents, value: category?.parentId }).element,
    textField({ name: 'description', label: 'Description', value: category?.description, isMultiline: true, maxLength: 2000 }).element,
  ];
}

function categoryInput(form: HTMLFormElement) {
  const slug = valueOf(form, 'slug');
  const parent = valueOf(form, 'parentId');
  return { name: valueOf(form, 'name'), ...(slug ? { slug } : {}), description: valueOf(form, 'description'), parentId: parent ? Number(parent) : null };
}

/** Sections of the site: add, rename, nest, describe and delete them. */
export async function categoriesPage({ root, alert }: PageContext): Promise<void> {
  const list = h('div', { class: 'table-wrap' });
  let all: CategoryItem[] = [];
  const adding = h('form', { class: 'stack narrow', novalidate: true });

  function edit(category: CategoryItem): void {
    openDialog({
      title: `Edit ${category.name}`,
      content: ({ alert: dialogAlert, close }) => {
        const form = h('form', { class: 'stack', novalidate: true }, categoryFields(all, category), button('Save category', null, { isSubmit: true, variant: 'primary' }));
        onSubmit(form, dialogAlert, async () => {
          await patch(`/categories/${category.id}`, categoryInput(form));
          announce(`${valueOf(form, 'name')} saved.`);
          close();
          await draw();
        });
        return form;
      },
    });
  }

  async function remove(control: HTMLElement, category: CategoryItem): Promise<void> {
    if (!(await confirmDialog({ title: `Delete ${category.name}?`, message: 'Its posts stay, without a category. Its address stops working.', confirmLabel: 'Delete category' }))) return;
    await whileBusy(control, async () => {
      try {
        await del(`/categories/${category.id}`);
        announce(`${category.name} deleted.`);
        await draw();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  async function draw(): Promise<void> {
    all = (await get<{ items: CategoryItem[] }>('/categories')).items;
    const nameOf = (id: number | null) => all.find((c) => c.id === id)?.name ?? '';
    replace(adding, categoryFields(all), button('Add category', null, { isSubmit: true, variant: 'primary' }));
    replace(
      list,
      all.length === 0
        ? h('p', null, 'No categories yet.')
        : h(
            'table',
            null,
            h('thead', null, h('tr', null, ['Name', 'Slug', 'Parent', 'Description', 'Actions'].map((label) => h('th', { scope: 'col' }, label)))),
            h('tbody', null, all.map((category) => {
              const deleting = h('button', { type: 'button', class: 'button button--danger', 'aria-label': `Delete ${category.name}` }, 'Delete');
              deleting.addEventListener('click', () => void remove(deleting, category));
              return h('tr', null, h('th', { scope: 'row' }, category.name), h('td', null, category.slug), h('td', null, nameOf(category.parentId)), h('td', null, category.description ?? ''), h('td', { class: 'inline-controls' }, h('button', { type: 'button', class: 'button', 'aria-label': `Edit ${category.name}`, onclick: () => edit(category) }, 'Edit'), deleting));
            })),
          ),
    );
  }

  onSubmit(adding, alert, async () => {
    const input = categoryInput(adding);
    await post('/categories', input);
    announce(`${input.name} added.`);
    await draw();
  });
  replace(root, pageHeading('Categories'), h('h2', null, 'Add a category'), adding, h('h2', null, 'All categories'), list);
  await draw();
}
