import type { JSONContent } from '@tiptap/core';
import type { Mark, TextRun } from '../../content/body.js';

const MARK_ORDER: ReadonlyArray<Mark['type']> = ['bold', 'italic', 'link'];

/**
 * One mark of each kind, in one fixed order. The editor cannot hold two marks
 * of a kind, so of two links the last is kept: it is the one the page renderer
 * (src/render/inline.ts) links to.
 */
export function canonicalMarks(marks: readonly Mark[] | undefined): Mark[] {
  const byType = new Map<Mark['type'], Mark>();
  for (const mark of marks ?? []) byType.set(mark.type, mark);
  return MARK_ORDER.flatMap((type) => {
    const mark = byType.get(type);
    return mark ? [mark] : [];
  });
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((mark, i) => {
    const other = b[i]!;
    return mark.type === other.type && (mark.type !== 'link' || (other.type === 'link' && mark.href === other.href));
  });
}

/**
 * Runs in their one canonical form: marks canonical and left out when there
 * are none, neighbours with the same marks joined, as ProseMirror joins text.
 */
export function canonicalRuns(runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const marks = canonicalMarks(run.marks);
    const last = out[out.length - 1];
    if (last && sameMarks(last.marks ?? [], marks)) last.text += run.text;
    else out.push(marks.length > 0 ? { text: run.text, marks } : { text: run.text });
  }
  return out;
}

export function runsToProsemirror(runs: readonly TextRun[]): JSONContent[] {
  return canonicalRuns(runs).map((run) =>
    run.marks ? { type: 'text', text: run.text, marks: run.marks.map(markToProsemirror) } : { type: 'text', text: run.text },
  );
}

type ProsemirrorMark = NonNullable<JSONContent['marks']>[number];

function markToProsemirror(mark: Mark): ProsemirrorMark {
  return mark.type === 'link' ? { type: 'link', attrs: { href: mark.href } } : { type: mark.type };
}

/**
 * The editor's text as runs, with the names of the marks and inline nodes the
 * body has no place for, so the caller can refuse them rather than drop them.
 */
export function prosemirrorToRuns(nodes: readonly JSONContent[]): { runs: TextRun[]; unknownMarks: string[]; unknownNodes: string[] } {
  const runs: TextRun[] = [];
  const unknownMarks: string[] = [];
  const unknownNodes: string[] = [];
  for (const node of nodes) {
    if (node.type !== 'text') {
      unknownNodes.push(String(node.type));
      continue;
    }
    const marks: Mark[] = [];
    for (const mark of node.marks ?? []) {
      if (mark.type === 'bold' || mark.type === 'italic') marks.push({ type: mark.type });
      else if (mark.type === 'link') marks.push({ type: 'link', href: String(mark.attrs?.['href'] ?? '') });
      else unknownMarks.push(mark.type);
    }
    runs.push({ text: node.text ?? '', marks });
  }
  return { runs: canonicalRuns(runs), unknownMarks, unknownNodes };
}
