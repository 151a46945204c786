import { h, uniqueId, type Child } from './dom.js';
import { alertRegion } from './feedback.js';
import { button } from './fields.js';

export interface OpenDialog {
  dialog: HTMLDialogElement;
  /** The dialog's own alert region: what is behind a modal dialog is not heard. */
  alert: HTMLElement;
  close(): void;
}

/**
 * A modal <dialog> named by its heading. It is put in the page when opened
 * and taken out when closed (Escape included), and focus goes back to what
 * opened it.
 */
export function openDialog(options: { title: string; content: (dialog: OpenDialog) => Child; closeLabel?: string; onClose?: () => void }): OpenDialog {
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const headingId = uniqueId('dialog-title');
  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': headingId });
  const alert = alertRegion();
  const handle: OpenDialog = { dialog, alert, close: () => dialog.close() };
  dialog.addEventListener('close', () => {
    dialog.remove();
    options.onClose?.();
    if (opener?.isConnected) opener.focus();
  });
  dialog.append(
    h('div', { class: 'dialog__head' }, h('h2', { id: headingId }, options.title), button(options.closeLabel ?? 'Close', () => dialog.close(), { variant: 'quiet' })),
    alert,
  );
  dialog.append(h('div', { class: 'dialog__body' }, options.content(handle)));
  document.body.append(dialog);
  dialog.showModal();
  return handle;
}

/** Asks before something that cannot be undone; resolves true only for the confirming button. */
export function confirmDialog(options: { title: string; message: string; confirmLabel: string }): Promise<boolean> {
  return new Promise((resolve) => {
    let isConfirmed = false;
    openDialog({
      title: options.title,
      closeLabel: 'Cancel',
      onClose: () => resolve(isConfirmed),
      content: ({ close }) => [
        h('p', null, options.message),
        h('div', { class: 'actions' }, button(options.confirmLabel, () => {
          isConfirmed = true;
          close();
        }, { variant: 'danger' })),
      ],
    });
  });
}
