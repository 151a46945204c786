import type { Capability } from '../../content/roles.js';
import { h } from './dom.js';
import type { Params } from './router.js';

export interface PageContext {
  /** Where the page draws itself, below the alert region. */
  root: HTMLElement;
  /** The page's role="alert" region, for what went wrong. */
  alert: HTMLElement;
  params: Params;
  query: URLSearchParams;
}

/** Undoes what the page started (timers, listeners) when the person goes elsewhere; may send a last autosave first. */
export type LeavePage = () => void | Promise<void>;

export interface PageRoute {
  pattern: string;
  render(context: PageContext): Promise<LeavePage | void>;
  /** `public`: reachable signed out (sign-in, setup, the emailed links); a capability: only for roles that have it. */
  access: 'public' | 'signed-in' | Capability;
}

/**
 * The page's one <h1>, which also names the browser tab. It can take focus,
 * so after each navigation a screen reader starts from the new page's title.
 */
export function pageHeading(text: string): HTMLHeadingElement {
  document.title = `${text} — Newsroom`;
  return h('h1', { tabindex: -1, class: 'page-title' }, text);
}
