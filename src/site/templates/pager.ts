import { html, type SafeHtml } from '../../lib/html.js';
import type { Cursor } from '../../content/store.js';
import { encodeCursor } from '../cursor.js';
import { pageUrl } from '../../render/urls.js';

/** "Older stories" carries the cursor; "Newest stories" goes back to page 1. */
export function pager(input: { base: string; page: number; next?: Cursor; query?: string }): SafeHtml {
  const extra = input.query ? `&${input.query}` : '';
  const newer = input.page > 1 ? html`<a href="${input.base}${input.query ? `?${input.query}` : ''}">← Newest stories</a>` : html`<span></span>`;
  const older = input.next
    ? html`<a rel="next" href="${pageUrl(input.base, input.page + 1)}?after=${encodeCursor(input.next)}${extra}">Older stories →</a>`
    : '';
  if (input.page <= 1 && !input.next) return html``;
  return html`<nav class="pager" aria-label="More stories">${newer}${older}</nav>`;
}
