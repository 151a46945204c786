/** Any origin will do: only the path of the resolved address is used, and only when it stays on it. */
const BASE = 'https://newsroom.invalid';

/**
 * Where to go after signing in: only an address of the newsroom itself, so a
 * crafted link cannot send someone elsewhere. The address is resolved as the
 * browser would resolve it (`..`, `.`, backslashes, percent-escapes), then
 * repeated slashes are collapsed, so what is checked is what is followed:
 * `/admin/..//evil.test` is not a newsroom address, and `//evil.test` would
 * be another site if written into a link.
 */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/')) return '/admin';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/admin';
  }
  if (url.origin !== BASE) return '/admin';
  const path = url.pathname.replace(/\/{2,}/g, '/');
  return /^\/admin(\/|$)/.test(path) ? path + url.search + url.hash : '/admin';
}
