export interface Tool {
  /** The button's text, which is also its accessible name. */
  label: string;
  /** Toggles say whether they are on (aria-pressed); actions have no state. */
  isActive?: () => boolean;
  isEnabled?: () => boolean;
  /** The key, pressed with Ctrl (⌘ on a Mac), that does the same, e.g. "B". */
  shortcutKey?: string;
  run: () => void;
}

export interface Toolbar {
  element: HTMLElement;
  /** Brings pressed and enabled states up to date with the selection. */
  refresh(): void;
}

/**
 * An ARIA toolbar of real buttons: one Tab stop, arrow keys, Home and End
 * move between them. A button that cannot act where the cursor is stays
 * focusable with aria-disabled, so the keyboard never loses its place.
 */
export function createToolbar(options: { label: string; controls: string; tools: Tool[] }): Toolbar {
  const element = document.createElement('div');
  element.className = 'masthead-editor__toolbar';
  element.setAttribute('role', 'toolbar');
  element.setAttribute('aria-label', options.label);
  element.setAttribute('aria-controls', options.controls);
  const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

  const buttons = options.tools.map((tool, index) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = tool.label;
    button.tabIndex = index === 0 ? 0 : -1;
    if (tool.shortcutKey) {
      button.setAttribute('aria-keyshortcuts', `${isMac ? 'Meta' : 'Control'}+${tool.shortcutKey}`);
      button.title = `${tool.label} (${isMac ? '⌘' : 'Ctrl+'}${tool.shortcutKey})`;
    }
    // Keeps the editor's selection while the pointer is down, so the tool applies to what was selected.
    button.addEventListener('mousedown', (event) => event.preventDefault());
    button.addEventListener('click', () => {
      if (button.getAttribute('aria-disabled') === 'true') return;
      tool.run();
      refresh();
    });
    button.addEventListener('focus', () => {
      for (const other of buttons) other.tabIndex = other === button ? 0 : -1;
    });
    element.append(button);
    return button;
  });

  element.addEventListener('keydown', (event) => {
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const last = buttons.length - 1;
    const moves: Record<string, number> = { ArrowRight: index === last ? 0 : index + 1, ArrowLeft: index === 0 ? last : index - 1, Home: 0, End: last };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[next]!.focus();
  });

  function refresh(): void {
    options.tools.forEach((tool, index) => {
      const button = buttons[index]!;
      if (tool.isActive) button.setAttribute('aria-pressed', String(tool.isActive()));
      if (tool.isEnabled && !tool.isEnabled()) button.setAttribute('aria-disabled', 'true');
      else button.removeAttribute('aria-disabled');
    });
  }
  refresh();
  return { element, refresh };
}
