/**
 * HTML built by concatenation, escaped by default. `raw()` is the one opt-out,
 * and the only caller that passes it untrusted input is `sanitizedHtml()` in
 * render/sanitize.ts, so a search for `raw(` finds every unescaped write.
 */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const NEEDS_ESCAPE = /[&<>"']/;
const ESCAPE_ALL = /[&<>"']/g;

export function escapeHtml(text: string): string {
  // Most text has nothing to escape; testing first skips the replace allocation.
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, (c) => ESCAPES[c]!) : text;
}

export function raw(trustedHtml: string): SafeHtml {
  return new SafeHtml(trustedHtml);
}

export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

function toHtml(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  let out = '';
  for (const item of value) out += toHtml(item);
  return out;
}

/** Tagged template: interpolated values are escaped unless they are SafeHtml. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += toHtml(values[i]!) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** An attribute that is present only when the value is; `attr('href', url)` → ` href="…"`. */
export function attr(name: string, value: string | number | null | undefined): SafeHtml {
  if (value === null || value === undefined || value === '') return new SafeHtml('');
  return new SafeHtml(` ${name}="${typeof value === 'number' ? value : escapeHtml(value)}"`);
}

/** JSON for a <script type="application/ld+json">: `<` is escaped so no string can close the tag. */
export function jsonForScript(data: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(data).replace(/</g, '\\u003c'));
}
