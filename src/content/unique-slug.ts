import { slugify } from '../lib/slug.js';

const MAX_ATTEMPTS = 50;

/** "john-legend", then "john-legend-2", "john-legend-3"… until `exists` says no, as WordPress does. */
export async function uniqueSlug(input: { wanted: string; fallback: string; exists: (slug: string) => Promise<boolean> }): Promise<string> {
  const base = slugify(input.wanted) || input.fallback;
  if (!(await input.exists(base))) return base;
  for (let n = 2; n < MAX_ATTEMPTS; n++) {
    const candidate = `${base}-${n}`;
    if (!(await input.exists(candidate))) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}
