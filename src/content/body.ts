import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { FieldIssue } from '../lib/errors.js';
import { textProblem } from '../lib/plain-text.js';
import { embedProvider } from './embeds.js';
import { RecordId } from '../lib/record-id.js';

/**
 * The body of a post is a typed document, a list of blocks, never an HTML
 * string: every renderer (page, mobile version, feeds, API) works from it, so
 * what one format can show, the others can. Inline text is a list of runs with
 * marks, the same shape a ProseMirror editor produces.
 */

/** http(s), mailto, tel, a site-relative path or a fragment; never javascript: and friends. */
const LINK_PATTERN = '^(https?://[^\\s]+|mailto:[^\\s]+|tel:[+0-9()\\- ]+|/[^\\s]*|#[^\\s]*)$';
const Href = Type.String({ pattern: LINK_PATTERN, maxLength: 2048 });

const Mark = Type.Union([
  Type.Object({ type: Type.Literal('bold') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('italic') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('link'), href: Href }, { additionalProperties: false }),
]);

const TextRun = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 100_000 }), marks: Type.Optional(Type.Array(Mark, { maxItems: 3 })) },
  { additionalProperties: false },
);
const Inlines = Type.Array(TextRun, { minItems: 1 });
const OptionalLine = Type.Optional(Type.String({ minLength: 1, maxLength: 300 }));

const blockSchemas = {
  paragraph: Type.Object({ type: Type.Literal('paragraph'), content: Inlines }, { additionalProperties: false }),
  heading: Type.Object(
    { type: Type.Literal('heading'), level: Type.Union([Type.Literal(2), Type.Literal(3), Type.Literal(4)]), content: Inlines },
    { additionalProperties: false },
  ),
  list: Type.Object(
    { type: Type.Literal('list'), isOrdered: Type.Boolean(), items: Type.Array(Inlines, { minItems: 1 }) },
    { additionalProperties: false },
  ),
  quote: Type.Object(
    {
      type: Type.Literal('quote'),
      style: Type.Union([Type.Literal('body'), Type.Literal('pull')]),
      text: Type.String({ minLength: 1, maxLength: 5000 }),
      speaker: OptionalLine,
      context: OptionalLine,
      source: OptionalLine,
      sourceUrl: Type.Optional(Href),
    },
    { additionalProperties: false },
  ),
  image: Type.Object(
    {
      type: Type.Literal('image'),
      media: RecordId,
      caption: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  embed: Type.Object(
    { type: Type.Literal('embed'), url: Type.String({ pattern: '^https://', maxLength: 2048 }), caption: Type.Optional(Type.String({ maxLength: 2000 })) },
    { additionalProperties: false },
  ),
  separator: Type.Object({ type: Type.Literal('separator') }, { additionalProperties: false }),
  html: Type.Object({ type: Type.Literal('html'), html: Type.String({ minLength: 1, maxLength: 200_000 }) }, { additionalProperties: false }),
} satisfies Record<string, TSchema>;

export type BlockType = keyof typeof blockSchemas;
export type Mark = Static<typeof Mark>;
export type TextRun = Static<typeof TextRun>;
export type ParagraphBlock = Static<(typeof blockSchemas)['paragraph']>;
export type HeadingBlock = Static<(typeof blockSchemas)['heading']>;
export type ListBlock = Static<(typeof blockSchemas)['list']>;
export type QuoteBlock = Static<(typeof blockSchemas)['quote']>;
export type ImageBlock = Static<(typeof blockSchemas)['image']>;
export type EmbedBlock = Static<(typeof blockSchemas)['embed']>;
export type SeparatorBlock = Static<(typeof blockSchemas)['separator']>;
export type HtmlBlock = Static<(typeof blockSchemas)['html']>;
export type Block =
  | ParagraphBlock
  | HeadingBlock
  | ListBlock
  | QuoteBlock
  | ImageBlock
  | EmbedBlock
  | SeparatorBlock
  | HtmlBlock;
export type BodyDocument = Block[];

export const BLOCK_TYPES = Object.keys(blockSchemas) as BlockType[];
// A Map, not an object: a block's type comes from the client, and "toString",
// "constructor" or "__proto__" are properties every object has.
const checkers: ReadonlyMap<string, ReturnType<typeof TypeCompiler.Compile>> = new Map(
  Object.entries(blockSchemas).map(([name, schema]) => [name, TypeCompiler.Compile(schema)]),
);

const MAX_BLOCKS = 2000;

/**
 * Checks a body block by block, choosing each block's schema by its `type`,
 * so an error names the block and field ("/body/3/media") instead of saying
 * that a union did not match.
 */
export function checkBody(value: unknown, path = '/body'): FieldIssue[] {
  if (!Array.isArray(value)) return [{ path, message: 'must be a list of blocks' }];
  if (value.length > MAX_BLOCKS) return [{ path, message: `must have at most ${MAX_BLOCKS} blocks` }];
  const issues: FieldIssue[] = [];
  value.forEach((block: unknown, index) => {
    const at = `${path}/${index}`;
    const type = typeof block === 'object' && block !== null ? (block as { type?: unknown }).type : undefined;
    const checker = typeof type === 'string' ? checkers.get(type) : undefined;
    if (!checker) {
      issues.push({ path: `${at}/type`, message: `must be one of ${BLOCK_TYPES.join(', ')}` });
      return;
    }
    const first = checker.Errors(block).First(); // the first error of a block is the useful one; the rest repeat it
    if (first) issues.push({ path: at + first.path, message: first.message });
    else textIssue(block, at, issues);
    if (type === 'embed' && !first && !embedProvider((block as EmbedBlock).url)) {
      issues.push({ path: `${at}/url`, message: 'must be a YouTube, X, Instagram or TikTok post URL' });
    }
  });
  return issues;
}

/** The first string of a valid block that breaks the plain-text rule (lib/plain-text.ts): text runs, captions, quotes alike. */
function textIssue(value: unknown, path: string, issues: FieldIssue[]): boolean {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ path, message: problem });
    return problem !== undefined;
  }
  const entries = Array.isArray(value) ? value.entries() : typeof value === 'object' && value !== null ? Object.entries(value) : [];
  for (const [key, item] of entries) if (textIssue(item, `${path}/${key}`, issues)) return true;
  return false;
}

/** The media ids a body refers to, in order of first appearance. */
export function referencedMedia(body: BodyDocument): number[] {
  const ids = new Set<number>();
  for (const block of body) if (block.type === 'image') ids.add(block.media);
  return [...ids];
}

/** A body of plain paragraphs, for synthetic content and simple callers. */
export function paragraphs(texts: string[]): BodyDocument {
  return texts.map((text) => ({ type: 'paragraph', content: [{ text }] }));
}
