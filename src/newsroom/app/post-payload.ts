import type { PostFields } from './post-types.js';

/**
 * A save's body from the form's fields. The API takes absent for "none" in
 * the search fields and a slug, where the form has empty text; the SEO
 * overrides go whole, so an emptied one is cleared.
 */
export function savePayload(fields: PostFields): Record<string, unknown> {
  const { slug, seo, ...rest } = fields;
  const overrides = Object.fromEntries(Object.entries(seo).filter(([, value]) => value !== null && value !== ''));
  return { ...rest, ...(slug ? { slug } : {}), seo: overrides };
}

/** `datetime-local` text (the writer's own clock) from an ISO time, and back. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
