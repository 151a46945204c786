import { clearAlert, showError } from './feedback.js';
import { clearIssues } from './form-issues.js';
import { whileBusy } from './fields.js';

/**
 * Handles a form's submission: one at a time, with the previous errors
 * cleared, and whatever the server refuses shown in `alert` and beside the
 * fields. Nothing the person typed is reset on failure.
 */
export function onSubmit(form: HTMLFormElement, alert: HTMLElement, work: () => Promise<void>): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void whileBusy(form, async () => {
      clearAlert(alert);
      clearIssues(form);
      try {
        await work();
      } catch (error) {
        showError(alert, error, form);
      }
    });
  });
}

/** The text of a named control, trimmed; '' when there is none. */
export function valueOf(form: HTMLFormElement, name: string): string {
  const control = form.elements.namedItem(name);
  return control && 'value' in control ? String(control.value).trim() : '';
}

/** null for an empty text, so a cleared field clears the stored value. */
export function textOrNull(form: HTMLFormElement, name: string): string | null {
  return valueOf(form, name) || null;
}
