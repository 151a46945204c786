export interface DialogField {
  name: string;
  label: string;
  kind?: 'text' | 'url' | 'number' | 'textarea';
  isRequired?: boolean;
  /** The content model's limit, so the field stops there instead of failing on save. */
  maxLength?: number;
  /** Read out with the field, e.g. what an address may look like. */
  hint?: string;
}

export type DialogValues = Record<string, string>;

export interface DialogRequest {
  title: string;
  submitLabel: string;
  values: DialogValues;
  /** Offered when the dialog edits something that exists ("Remove link"). */
  removeLabel?: string;
  /** The first wrong field and why, checked before the dialog closes. */
  validate?: (values: DialogValues) => { field: string; message: string } | undefined;
  onSubmit: (values: DialogValues) => void;
  onRemove?: () => void;
}

export interface FormDialog {
  element: HTMLDialogElement;
  open(request: DialogRequest): void;
}

/**
 * A modal <dialog> holding one <form> of labelled fields. Wrong values are
 * reported on the field itself (the browser's own validation message, which
 * screen readers announce) and the dialog stays open until they are right.
 */
export function createFormDialog(options: { id: string; fields: DialogField[] }): FormDialog {
  const { id, fields } = options;
  const dialog = document.createElement('dialog');
  dialog.className = 'masthead-editor__dialog';
  dialog.setAttribute('aria-labelledby', `${id}-title`);
  const form = document.createElement('form');
  form.method = 'dialog';
  form.noValidate = true; // checked in the submit handler, which adds the content model's rules to the browser's own
  const title = document.createElement('h2');
  title.id = `${id}-title`;
  form.append(title);

  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  for (const field of fields) {
    const row = document.createElement('p');
    const label = document.createElement('label');
    label.htmlFor = `${id}-${field.name}`;
    label.textContent = field.label;
    const input = field.kind === 'textarea' ? document.createElement('textarea') : document.createElement('input');
    if (input instanceof HTMLInputElement) input.type = field.kind ?? 'text';
    if (field.kind === 'number') (input as HTMLInputElement).min = '1';
    input.id = label.htmlFor;
    input.name = field.name;
    input.required = field.isRequired ?? false;
    if (field.maxLength) input.maxLength = field.maxLength;
    input.addEventListener('input', () => {
      input.setCustomValidity('');
      input.removeAttribute('aria-invalid');
    });
    row.append(label, input);
    if (field.hint) {
      const hint = document.createElement('small');
      hint.id = `${input.id}-hint`;
      hint.textContent = field.hint;
      input.setAttribute('aria-describedby', hint.id);
      row.append(hint);
    }
    inputs.set(field.name, input);
    form.append(row);
  }

  const actions = document.createElement('p');
  actions.className = 'masthead-editor__actions';
  const submit = button('submit', '');
  const remove = button('button', '');
  const cancel = button('button', 'Cancel');
  actions.append(submit, remove, cancel);
  form.append(actions);
  dialog.append(form);

  let request: DialogRequest | undefined;
  const values = (): DialogValues => Object.fromEntries([...inputs].map(([name, input]) => [name, input.value]));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!request) return;
    for (const input of inputs.values()) input.setCustomValidity('');
    const problem = request.validate?.(values());
    const wrong = problem ? inputs.get(problem.field) : undefined;
    if (problem && wrong) wrong.setCustomValidity(problem.message);
    for (const input of inputs.values()) {
      if (input.checkValidity()) input.removeAttribute('aria-invalid');
      else input.setAttribute('aria-invalid', 'true');
    }
    if (!form.reportValidity()) return;
    const done = request;
    request = undefined;
    dialog.close();
    done.onSubmit(values());
  });
  remove.addEventListener('click', () => {
    const done = request;
    request = undefined;
    dialog.close();
    done?.onRemove?.();
  });
  cancel.addEventListener('click', () => dialog.close());

  return {
    element: dialog,
    open(next) {
      request = next;
      title.textContent = next.title;
      submit.textContent = next.submitLabel;
      remove.hidden = !next.removeLabel;
      remove.textContent = next.removeLabel ?? '';
      for (const [name, input] of inputs) {
        input.value = next.values[name] ?? '';
        input.setCustomValidity('');
        input.removeAttribute('aria-invalid');
      }
      dialog.showModal();
    },
  };
}

function button(type: 'submit' | 'button', text: string): HTMLButtonElement {
  const el = document.createElement('button');
  el.type = type;
  el.textContent = text;
  return el;
}
