/**
 * Addresses under /admin/ are the app's pages: real paths (bookmarkable,
 * and what emailed links point to), followed with the History API. Links to
 * them are ordinary <a href> links, so they open in a new tab as well.
 */

export type Params = Record<string, string>;

export interface Match<R> {
  route: R;
  params: Params;
}

export function matchRoute<R extends { pattern: string }>(routes: readonly R[], pathname: string): Match<R> | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  for (const route of routes) {
    const names: string[] = [];
    const source = route.pattern.replace(/:(\w+)/g, (_whole, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const found = new RegExp(`^${source}$`).exec(path);
    if (found) return { route, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
  }
  return undefined;
}

let show: ((isFirst: boolean) => void) | undefined;

/** Calls `onChange` for the current address now and on every later navigation (links, back and forward, navigate()). */
export function startRouter(onChange: (isFirst: boolean) => void): void {
  show = onChange;
  window.addEventListener('popstate', () => onChange(false));
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('a');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith('/admin') || url.pathname.startsWith('/admin/assets/')) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  });
  onChange(true);
}

export function navigate(to: string, options: { isReplacing?: boolean } = {}): void {
  if (options.isReplacing) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  show?.(false);
}

/** Changes the address without drawing the page again (a new post once it has an id). */
export function rewriteAddress(to: string): void {
  history.replaceState(null, '', to);
}
