import { diffArrays, diffLines, diffWords } from 'diff';

/**
 * Differences as an editor reads them: word by word inside a line, line by
 * line (block by block) across a text, item by item across a list. Each
 * comes as parts for a newsroom to colour, and as text in wdiff's notation
 * ([-removed-] {+added+}) that reads anywhere, a log or a test included.
 */

export type DiffChange = 'same' | 'added' | 'removed';

export interface DiffPart {
  change: DiffChange;
  text: string;
}

const changeOf = (c: { added: boolean; removed: boolean }): DiffChange => (c.added ? 'added' : c.removed ? 'removed' : 'same');

export function wordDiff(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((c) => ({ change: changeOf(c), text: c.value }));
}

/** Values with no parts worth comparing (a status, a date, a section): the old one out, the new one in. */
export function valueDiff(before: string, after: string): DiffPart[] {
  return [
    { change: 'removed', text: before },
    { change: 'added', text: after },
  ];
}

export function listDiff(before: string[], after: string[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const c of diffArrays(before, after)) {
    for (const item of c.value) {
      if (parts.length > 0) parts.push({ change: 'same', text: ', ' });
      parts.push({ change: changeOf(c), text: item });
    }
  }
  return parts;
}

export function partsText(parts: DiffPart[]): string {
  return parts.map((p) => (p.change === 'added' ? `{+${p.text}+}` : p.change === 'removed' ? `[-${p.text}-]` : p.text)).join('');
}

const linesOf = (value: string) => value.split('\n').slice(0, value.endsWith('\n') ? -1 : undefined);

/**
 * Compares texts of one line each (a body's blocks, a list of sources). Lines
 * left alone are kept in the parts but not in `lines`, which lists only what
 * changed: `~` a line edited (compared word by word), `-` one removed, `+`
 * one added.
 */
export function linesDiff(before: string[], after: string[]): { parts: DiffPart[]; lines: string[] } {
  const joined = (texts: string[]) => texts.map((t) => `${t.replace(/\s*\n\s*/g, ' ')}\n`).join('');
  const changes = diffLines(joined(before), joined(after));
  const parts: DiffPart[] = [];
  const lines: string[] = [];
  const whole = (change: DiffChange, texts: string[]) => {
    for (const text of texts) {
      parts.push({ change, text }, { change: 'same', text: '\n' });
      lines.push(`${change === 'added' ? '+' : '-'} ${text}`);
    }
  };
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const next = changes[i + 1];
    if (!c.added && !c.removed) {
      parts.push({ change: 'same', text: c.value });
    } else if (c.removed && next?.added) {
      // A run of lines replaced by another: pair them up, so an edited
      // paragraph shows its changed words rather than two whole paragraphs.
      const removed = linesOf(c.value);
      const added = linesOf(next.value);
      const paired = Math.min(removed.length, added.length);
      for (let k = 0; k < paired; k++) {
        const words = wordDiff(removed[k]!, added[k]!);
        parts.push(...words, { change: 'same', text: '\n' });
        lines.push(`~ ${partsText(words)}`);
      }
      whole('removed', removed.slice(paired));
      whole('added', added.slice(paired));
      i++;
    } else {
      whole(changeOf(c), linesOf(c.value));
    }
  }
  return { parts, lines };
}
