/**
 * The public site reads and sets one kind of cookie (a protected post's
 * pass), so it parses the header itself rather than load a cookie plugin on
 * every request.
 */

/** The value of cookie `name` in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie value for the whole site: HttpOnly, SameSite=Lax, and Secure when the page came over HTTPS. `value` must be URL-safe. */
export function setCookieHeader(input: { name: string; value: string; maxAgeSeconds: number; isSecure: boolean }): string {
  return `${input.name}=${input.value}; Max-Age=${input.maxAgeSeconds}; Path=/; HttpOnly; SameSite=Lax${input.isSecure ? '; Secure' : ''}`;
}
