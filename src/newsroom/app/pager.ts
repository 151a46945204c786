import { h } from './dom.js';

/** Previous and next links for a numbered list; the page is in the address, so it survives a reload and the back button. */
export function pager(options: { total: number; page: number; perPage: number; hrefFor: (page: number) => string; label: string }): HTMLElement | null {
  const pages = Math.max(1, Math.ceil(options.total / options.perPage));
  if (pages === 1) return null;
  const { page } = options;
  return h(
    'nav',
    { class: 'pager', 'aria-label': options.label },
    page > 1 ? h('a', { href: options.hrefFor(page - 1), rel: 'prev' }, 'Previous page') : null,
    h('span', { 'aria-current': 'page' }, `Page ${page} of ${pages}`),
    page < pages ? h('a', { href: options.hrefFor(page + 1), rel: 'next' }, 'Next page') : null,
  );
}

/** The same address with these query values (empty ones left out). */
export function withQuery(path: string, values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function pageNumber(query: URLSearchParams): number {
  const page = Number(query.get('page'));
  return Number.isInteger(page) && page > 0 ? page : 1;
}
