/**
 * Text as a search compares it: accents dropped, lower case, runs of space as
 * one. Done here rather than with the database's lower() because SQLite's
 * folds only ASCII letters, so "ÉLODIE" would find "élodie" on PostgreSQL and
 * not on SQLite; folded once in JavaScript, both engines compare the same text.
 */
export function foldText(text: string): string {
  // Lower case first: some capitals lower to a letter and a combining mark ("İ").
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
