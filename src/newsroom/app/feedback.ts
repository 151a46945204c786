import { ApiError } from './api.js';
import { byId, h, replace } from './dom.js';
import { showIssues } from './form-issues.js';

/**
 * How the newsroom speaks: errors in an alert region at the top of the page
 * (or of the open dialog), field issues beside their fields, and quiet news
 * ("Saved at 10:42") in the shell's polite status region.
 */

let clearing: number | undefined;

export function announce(text: string): void {
  const status = byId('app-status');
  // Emptied first, so the same words said twice are announced twice.
  status.textContent = '';
  window.clearTimeout(clearing);
  window.setTimeout(() => (status.textContent = text), 50);
  // It has been read out by then; on screen it would go on covering the page.
  clearing = window.setTimeout(() => (status.textContent = ''), 8000);
}

export function alertRegion(): HTMLDivElement {
  return h('div', { class: 'alert', role: 'alert' });
}

export function clearAlert(region: HTMLElement): void {
  replace(region);
}

/**
 * Says what went wrong: the server's message, each issue beside its field
 * inside `form` (those with no field are listed in the alert), and moves focus
 * to the first field to fix.
 */
export function showError(region: HTMLElement, error: unknown, form?: HTMLElement): void {
  const message = error instanceof ApiError || error instanceof Error ? error.message : String(error);
  const issues = error instanceof ApiError ? error.issues : [];
  const unplaced = form ? showIssues(form, issues) : issues;
  replace(
    region,
    h('p', null, message),
    unplaced.length > 0 ? h('ul', null, unplaced.map((issue) => h('li', null, `${issue.path || 'The request'}: ${issue.message}`))) : null,
  );
  const invalid = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (invalid) invalid.focus();
}
