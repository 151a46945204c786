import { h, uniqueId } from './dom.js';

/**
 * Labelled form controls. Every control has a <label for>, an optional hint
 * tied to it with aria-describedby, and a `name` that is its field's path in
 * the API (so a refused field's issue finds it, see form-issues.ts).
 */

interface FieldBase {
  name: string;
  label: string;
  hint?: string;
  isRequired?: boolean;
}

export interface TextFieldOptions extends FieldBase {
  type?: 'text' | 'email' | 'password' | 'url' | 'number' | 'search' | 'datetime-local' | 'file';
  value?: string | number | null;
  autocomplete?: string;
  maxLength?: number;
  min?: number;
  max?: number;
  accept?: string;
  isMultiline?: boolean;
}

export interface Field<C extends HTMLElement> {
  element: HTMLDivElement;
  control: C;
}

function wrap(options: FieldBase, control: HTMLElement, isInline = false): HTMLDivElement {
  const id = control.id;
  const hintId = options.hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  const label = h('label', { for: id }, options.label);
  const hint = options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null;
  return isInline ? h('div', { class: 'field field--inline' }, control, label, hint) : h('div', { class: 'field' }, label, hint, control);
}

export function textField(options: TextFieldOptions & { isMultiline: true }): Field<HTMLTextAreaElement>;
export function textField(options: TextFieldOptions): Field<HTMLInputElement>;
export function textField(options: TextFieldOptions): Field<HTMLInputElement | HTMLTextAreaElement> {
  const id = uniqueId(`field-${options.name.replace(/\W/g, '-')}`);
  const common = { id, name: options.name, required: options.isRequired ?? false, maxlength: options.maxLength, autocomplete: options.autocomplete };
  const control = options.isMultiline
    ? h('textarea', { ...common, rows: 3 })
    : h('input', { ...common, type: options.type ?? 'text', min: options.min, max: options.max, accept: options.accept });
  if (options.value !== undefined && options.value !== null && options.type !== 'file') control.value = String(options.value);
  return { element: wrap(options, control), control };
}

export interface Choice {
  value: string;
  label: string;
}

export function selectField(options: FieldBase & { choices: readonly Choice[]; value?: string | number | null }): Field<HTMLSelectElement> {
  const id = uniqueId(`field-${options.name.replace(/\W/g, '-')}`);
  const selected = options.value === null || options.value === undefined ? '' : String(options.value);
  const control = h('select', { id, name: options.name, required: options.isRequired ?? false }, options.choices.map((choice) => h('option', { value: choice.value, selected: choice.value === selected }, choice.label)));
  return { element: wrap(options, control), control };
}

export function checkboxField(options: FieldBase & { isChecked?: boolean; value?: string }): Field<HTMLInputElement> {
  const id = uniqueId(`field-${options.name.replace(/\W/g, '-')}`);
  const control = h('input', { id, type: 'checkbox', name: options.name, value: options.value, checked: options.isChecked ?? false });
  return { element: wrap(options, control, true), control };
}

/** A group of radio buttons in a fieldset whose legend names the choice. */
export function radioGroup(options: FieldBase & { choices: readonly Choice[]; value?: string }): { element: HTMLFieldSetElement; value(): string } {
  const legend = h('legend', null, options.label);
  const radios = options.choices.map((choice) => {
    const id = uniqueId(`field-${options.name}`);
    const input = h('input', { id, type: 'radio', name: options.name, value: choice.value, checked: choice.value === options.value });
    return { input, element: h('div', { class: 'field field--inline' }, input, h('label', { for: id }, choice.label)) };
  });
  const element = h('fieldset', { class: 'choices' }, legend, options.hint ? h('p', { class: 'hint' }, options.hint) : null, radios.map((radio) => radio.element));
  return { element, value: () => radios.find((radio) => radio.input.checked)?.input.value ?? '' };
}

/** A <button>; `type="button"` unless it submits its form. */
export function button(label: string, onClick: ((event: Event) => void) | null, options: { isSubmit?: boolean; variant?: 'primary' | 'danger' | 'quiet'; describedBy?: string } = {}): HTMLButtonElement {
  return h(
    'button',
    { type: options.isSubmit ? 'submit' : 'button', class: options.variant ? `button button--${options.variant}` : 'button', 'aria-describedby': options.describedBy, onclick: onClick ?? undefined },
    label,
  );
}

/**
 * Runs `work` once at a time per control, so a double click or a second Enter
 * does not send twice. The control stays enabled (disabling it would drop the
 * keyboard user's focus) but is marked busy meanwhile.
 */
export async function whileBusy<T>(control: HTMLElement, work: () => Promise<T>): Promise<T | undefined> {
  if (control.dataset.busy) return undefined;
  control.dataset.busy = 'true';
  control.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    delete control.dataset.busy;
    control.removeAttribute('aria-busy');
  }
}
