import type { JSONContent } from '@tiptap/core';
import type { Block, BodyDocument, QuoteBlock, TextRun } from '../../content/body.js';
import type { FieldIssue } from '../../lib/errors.js';
import { BODY_LIMITS, blockProblems, type BlockProblem } from './body-rules.js';
import { prosemirrorToRuns } from './inline-runs.js';

/** A field the content model would refuse; `path` names it as checkBody does, numbering blocks as the editor shows them. */
export interface EditorIssue extends FieldIssue {
  /** The block's position in the editor, counting the empty paragraphs that the body leaves out. */
  index: number;
}

/** Either a body the content model accepts, or every reason there is none. */
export type BodyResult = { body: BodyDocument } | { issues: EditorIssue[] };

type Reading = { block: Block } | { problems: BlockProblem[] } | { isEmpty: true };

/**
 * The editor's document as the body document. It never returns a body the
 * content model would refuse: whatever cannot be saved is reported with the
 * block's index and the field, so the newsroom can point at it.
 */
export function prosemirrorToBody(doc: JSONContent): BodyResult {
  const issues: EditorIssue[] = [];
  const body: BodyDocument = [];
  const bodyIndexes: number[] = [];
  (doc.content ?? []).forEach((node, index) => {
    const reading = readBlock(node);
    if ('isEmpty' in reading) return;
    const problems = 'block' in reading ? blockProblems(reading.block) : reading.problems;
    for (const problem of problems) issues.push({ index, path: `/body/${index}${problem.at}`, message: problem.message });
    if ('block' in reading) {
      body.push(reading.block);
      bodyIndexes.push(index);
    }
  });
  const firstTooMany = bodyIndexes[BODY_LIMITS.blocks];
  if (firstTooMany !== undefined) {
    issues.push({ index: firstTooMany, path: '/body', message: `must have at most ${BODY_LIMITS.blocks.toLocaleString('en')} blocks` });
  }
  return issues.length > 0 ? { issues } : { body };
}

function readBlock(node: JSONContent): Reading {
  const attrs = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph': {
      const read = readRuns(node.content, '/content');
      if ('problems' in read) return read;
      // The content model has no empty paragraph: the blank line between blocks is the editor's, not the story's.
      return read.runs.length === 0 ? { isEmpty: true } : { block: { type: 'paragraph', content: read.runs } };
    }
    case 'heading': {
      const read = readRuns(node.content, '/content');
      return 'problems' in read ? read : { block: { type: 'heading', level: Number(attrs['level']) as 2 | 3 | 4, content: read.runs } };
    }
    case 'bulletList':
    case 'orderedList':
      return readList(node);
    case 'quote': {
      const style = attrs['style'] ?? 'body';
      if (style !== 'body' && style !== 'pull') return { problems: [{ at: '/style', message: 'must be a body quote or a pull quote' }] };
      const block: QuoteBlock = { type: 'quote', style, text: plainText(node.content) };
      for (const key of ['speaker', 'context', 'source', 'sourceUrl'] as const) {
        const value = optionalText(attrs[key]);
        if (value !== undefined && value !== '') block[key] = value;
      }
      return { block };
    }
    case 'mediaImage': {
      const caption = optionalText(attrs['caption']);
      const media = attrs['mediaId'];
      return { block: { type: 'image', media: typeof media === 'number' ? media : Number.NaN, ...(caption === undefined ? {} : { caption }) } };
    }
    case 'embed': {
      const caption = optionalText(attrs['caption']);
      return { block: { type: 'embed', url: optionalText(attrs['url']) ?? '', ...(caption === undefined ? {} : { caption }) } };
    }
    case 'horizontalRule':
      return { block: { type: 'separator' } };
    case 'rawHtml':
      return { block: { type: 'html', html: plainText(node.content) } };
    default:
      return { problems: [{ at: '/type', message: `"${String(node.type)}" is not a kind of block the body can hold` }] };
  }
}

function readRuns(content: JSONContent[] | undefined, at: string): { runs: TextRun[] } | { problems: BlockProblem[] } {
  const { runs, unknownMarks, unknownNodes } = prosemirrorToRuns(content ?? []);
  const problems = [
    ...unknownNodes.map((name) => ({ at, message: `"${name}" cannot be part of the text` })),
    ...unknownMarks.map((name) => ({ at, message: `"${name}" is not a mark the body can hold` })),
  ];
  return problems.length > 0 ? { problems } : { runs };
}

function readList(node: JSONContent): Reading {
  const items: TextRun[][] = [];
  const problems: BlockProblem[] = [];
  (node.content ?? []).forEach((item, index) => {
    const only = item.content?.[0];
    if (item.type !== 'listItem' || item.content?.length !== 1 || only?.type !== 'paragraph') {
      problems.push({ at: `/items/${index}`, message: 'a list item must be one paragraph of text' });
      return;
    }
    const read = readRuns(only.content, `/items/${index}`);
    if ('problems' in read) problems.push(...read.problems);
    else items.push(read.runs);
  });
  return problems.length > 0 ? { problems } : { block: { type: 'list', isOrdered: node.type === 'orderedList', items } };
}

function plainText(content: JSONContent[] | undefined): string {
  return (content ?? []).map((node) => node.text ?? '').join('');
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
