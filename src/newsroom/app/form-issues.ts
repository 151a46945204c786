import type { FieldIssue } from './api.js';
import { h } from './dom.js';

/**
 * The API names a bad field by its JSON pointer (`/seo/title`,
 * `/sources/2/url`); controls carry the same path in their name with dots
 * (`seo.title`, `sources.2.url`). An issue goes to the deepest control that
 * matches, so `/body/3/media` lands on the body.
 */
export function showIssues(form: HTMLElement, issues: readonly FieldIssue[]): FieldIssue[] {
  clearIssues(form);
  const unplaced: FieldIssue[] = [];
  for (const issue of issues) {
    const control = controlFor(form, issue.path);
    if (!control) {
      unplaced.push(issue);
      continue;
    }
    const errorId = `${control.id}-error`;
    let message = document.getElementById(errorId);
    if (!message) {
      message = h('p', { class: 'field-error', id: errorId, 'data-issue': true });
      (control.closest('.field, fieldset') ?? control.parentElement ?? form).append(message);
      control.setAttribute('aria-describedby', [control.getAttribute('aria-describedby'), errorId].filter(Boolean).join(' '));
    }
    message.textContent = message.textContent ? `${message.textContent} ${sentence(issue.message)}` : sentence(issue.message);
    control.setAttribute('aria-invalid', 'true');
  }
  return unplaced;
}

export function clearIssues(form: HTMLElement): void {
  for (const message of form.querySelectorAll('[data-issue]')) {
    const control = form.querySelector(`[aria-describedby~="${message.id}"]`);
    if (control) {
      const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== message.id);
      if (rest.length > 0) control.setAttribute('aria-describedby', rest.join(' '));
      else control.removeAttribute('aria-describedby');
      control.removeAttribute('aria-invalid');
    }
    message.remove();
  }
}

function controlFor(form: HTMLElement, path: string): HTMLElement | undefined {
  const parts = path.split('/').filter(Boolean);
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('.');
    const control = form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"], [data-field="${CSS.escape(name)}"]`);
    if (control && control.id) return control;
  }
  return undefined;
}

/** "must not be empty" → "Must not be empty." */
function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
