import { del, get, patch, post } from '../api.js';
import { confirmDialog } from '../dialog.js';
import { formatDateTime, h, replace } from '../dom.js';
import { alertRegion, announce, showError } from '../feedback.js';
import { button, selectField, textField, whileBusy } from '../fields.js';
import { onSubmit, valueOf } from '../forms.js';
import { pageHeading, type PageContext } from '../page.js';
import { pageNumber, pager, withQuery } from '../pager.js';
import { redirectFields } from '../redirect-fields.js';
import { ORIGIN_LABELS, readableAddress, type RedirectItem, type RedirectPage } from '../redirect-types.js';
import { navigate } from '../router.js';

const PER_PAGE = 50;
const COLUMNS = ['Old address', 'Leads to', 'Kind', 'Made by', 'Actions'];

function target(redirect: RedirectItem): HTMLElement | string {
  if (redirect.toPath !== null) return readableAddress(redirect.toPath);
  if (!redirect.post) return `Post ${redirect.postId}`;
  const note = redirect.post.status === 'published' ? '' : ` (${redirect.post.status}: answers 404 until it is published)`;
  return h('span', null, h('a', { href: `/admin/posts/${redirect.post.id}` }, redirect.post.title), ` /${redirect.post.slug}/${note}`);
}

/** Old addresses and where they lead: add, find, edit in place and delete them. */
export async function redirectsPage({ root, alert, query }: PageContext): Promise<void> {
  const page = pageNumber(query);
  const filters = { text: query.get('text') ?? '', origin: query.get('origin') ?? '' };
  const isFiltered = filters.text !== '' || filters.origin !== '';
  const list = h('div', { class: 'table-wrap' });

  const adding = h('form', { class: 'stack narrow', novalidate: true, 'aria-label': 'Add a redirect' });
  let fields = redirectFields();
  const drawAdding = () => {
    fields = redirectFields();
    replace(adding, fields.elements, button('Add redirect', null, { isSubmit: true, variant: 'primary' }));
  };
  drawAdding();
  onSubmit(adding, alert, async () => {
    const { redirect } = await post<{ redirect: RedirectItem }>('/redirects', fields.input(adding));
    drawAdding();
    announce(`${readableAddress(redirect.fromPath)} now leads to its new address.`);
    await draw();
  });

  const filter = h(
    'form',
    { class: 'filters', role: 'search', 'aria-label': 'Find redirects' },
    textField({ name: 'text', label: 'Search redirects', type: 'search', value: filters.text, hint: 'Words from the old or the new address, or the post’s title.' }).element,
    selectField({ name: 'origin', label: 'Made by', value: filters.origin, choices: [{ value: '', label: 'Anyone' }, { value: 'newsroom', label: 'The newsroom' }, { value: 'import', label: 'The import' }] }).element,
    button('Filter', null, { isSubmit: true }),
  );
  onSubmit(filter, alert, async () => navigate(withQuery('/admin/redirects', { text: valueOf(filter, 'text'), origin: valueOf(filter, 'origin') })));

  /** The row becomes a form in place; its errors show beside its fields and in its own alert. */
  function edit(row: HTMLTableRowElement, redirect: RedirectItem): void {
    const editing = redirectFields(redirect);
    const rowAlert = alertRegion();
    const name = readableAddress(redirect.fromPath);
    const cancel = () => {
      const shown = drawRow(redirect);
      editRow.replaceWith(shown);
      shown.querySelector<HTMLElement>('button')?.focus();
    };
    const form = h(
      'form',
      { class: 'stack narrow', novalidate: true, 'aria-label': `Edit redirect from ${name}` },
      rowAlert,
      editing.elements,
      h('div', { class: 'actions' }, button('Save redirect', null, { isSubmit: true, variant: 'primary' }), button('Cancel', cancel)),
    );
    onSubmit(form, rowAlert, async () => {
      await patch(`/redirects/${redirect.id}`, editing.input(form));
      announce(`Redirect from ${name} saved.`);
      await draw();
      // The form is gone with the old table; the row's Edit button is where a keyboard user was.
      list.querySelector<HTMLElement>(`[data-redirect-id="${redirect.id}"]`)?.focus();
    });
    const editRow = h('tr', null, h('td', { colspan: COLUMNS.length }, form));
    row.replaceWith(editRow);
    form.querySelector<HTMLElement>('input')?.focus();
  }

  async function remove(control: HTMLElement, redirect: RedirectItem): Promise<void> {
    const name = readableAddress(redirect.fromPath);
    if (!(await confirmDialog({ title: `Delete the redirect from ${name}?`, message: 'Links to the old address will answer “page not found” again.', confirmLabel: 'Delete redirect' }))) return;
    await whileBusy(control, async () => {
      try {
        await del(`/redirects/${redirect.id}`);
        announce(`Redirect from ${name} deleted.`);
        await draw();
      } catch (error) {
        showError(alert, error);
      }
    });
  }

  function drawRow(redirect: RedirectItem): HTMLTableRowElement {
    const name = readableAddress(redirect.fromPath);
    const deleting = h('button', { type: 'button', class: 'button button--danger', 'aria-label': `Delete redirect from ${name}` }, 'Delete');
    deleting.addEventListener('click', () => void remove(deleting, redirect));
    const row = h(
      'tr',
      null,
      h('th', { scope: 'row' }, name),
      h('td', null, target(redirect)),
      h('td', null, String(redirect.statusCode)),
      h('td', null, ORIGIN_LABELS[redirect.origin], h('br'), h('span', { class: 'hint' }, formatDateTime(redirect.updatedAt))),
      h('td', { class: 'inline-controls' }, h('button', { type: 'button', class: 'button', 'aria-label': `Edit redirect from ${name}`, 'data-redirect-id': redirect.id, onclick: () => edit(row, redirect) }, 'Edit'), deleting),
    );
    return row;
  }

  async function draw(): Promise<void> {
    const found = await get<RedirectPage>('/redirects', { ...filters, page, perPage: PER_PAGE });
    const empty = isFiltered
      ? h('p', null, 'No redirects match.')
      : h('p', null, 'No redirects yet. Add one above, or import the old site: its permalinks are added here.');
    replace(
      list,
      found.items.length === 0
        ? empty
        : h('table', null, h('thead', null, h('tr', null, COLUMNS.map((label) => h('th', { scope: 'col' }, label)))), h('tbody', null, found.items.map(drawRow))),
      pager({ total: found.total, page, perPage: found.perPage, label: 'Pages of redirects', hrefFor: (n) => withQuery('/admin/redirects', { ...filters, page: n }) }),
    );
  }

  replace(
    root,
    pageHeading('Redirects'),
    h('p', null, 'Old addresses and where they lead now. A redirect is used only where the site has no page of its own at that address.'),
    h('h2', null, 'Add a redirect'),
    adding,
    h('h2', null, 'Find redirects'),
    filter,
    list,
  );
  await draw();
}
