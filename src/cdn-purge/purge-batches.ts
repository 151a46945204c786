/**
 * A cache tag as Masthead writes them. Anything else is refused rather than
 * sent: a space or comma would split one tag into two in a header (purging
 * pages nobody changed, or none), and every service accepts these.
 */
const CACHE_TAG = /^[a-z0-9-]{1,200}$/;

/**
 * `tags`, each once, in batches a service accepts in one request: at most
 * `maxCount` tags, and, when `maxLength` is given, at most that many
 * characters joined by one separator (a header's length). Throws on a tag
 * that is not a cache tag.
 */
export function purgeBatches(tags: readonly string[], limits: { maxCount: number; maxLength?: number }): string[][] {
  const bad = tags.filter((tag) => !CACHE_TAG.test(tag));
  if (bad.length > 0) throw new Error(`Not cache tags (lower-case letters, digits and hyphens): ${bad.slice(0, 5).map((tag) => JSON.stringify(tag)).join(', ')}`);
  const maxLength = limits.maxLength ?? Infinity;
  const batches: string[][] = [];
  let batch: string[] = [];
  let length = -1; // the separator before the first tag is not sent
  for (const tag of new Set(tags)) {
    if (batch.length > 0 && (batch.length === limits.maxCount || length + 1 + tag.length > maxLength)) {
      batches.push(batch);
      batch = [];
      length = -1;
    }
    length += 1 + tag.length;
    batch.push(tag);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
