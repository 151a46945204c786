import type { Cursor } from '../content/store.js';

/**
 * A page link carries where the previous page ended ("after=<time>.<id>"), so
 * the next page is an index seek however deep it is, and a story published in
 * between does not push a story from page 1 onto page 2 twice.
 */
export function encodeCursor(cursor: Cursor): string {
  return `${new Date(cursor.publishedAt).getTime().toString(36)}.${cursor.id.toString(36)}`;
}

export function decodeCursor(text: string): Cursor | undefined {
  const match = /^([0-9a-z]{1,11})\.([0-9a-z]{1,8})$/.exec(text);
  if (!match) return undefined;
  const time = parseInt(match[1]!, 36);
  const id = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(time) || time > 8.64e15 || id < 1) return undefined;
  return { publishedAt: new Date(time).toISOString(), id };
}
