import { notFound } from '../../lib/errors.js';
import type { Block } from '../../content/body.js';
import { revisionDiffInput } from '../../content/schemas-editorial.js';
import type { PostContent } from '../../content/store-editorial.js';
import type { PersonRef } from '../../content/types.js';
import { renderPlainText } from '../../render/plain-text.js';
import type { OperationContext } from '../context.js';
import { linesDiff, listDiff, partsText, valueDiff, wordDiff, type DiffPart } from './readable-diff.js';
import { readRevision } from './revisions.js';
import { contentOf } from './save-post.js';

export interface FieldDiff {
  field: keyof PostContent;
  label: string;
  parts: DiffPart[];
  /** The change as one readable text: `Title: John Legend [-reveals-]{+explains+} how…`. */
  text: string;
}

export interface DiffSide {
  /** Null when the side is the post as it is now. */
  revision: number | null;
  savedAt: string;
  savedBy: PersonRef | null;
}

export interface RevisionDiff {
  postId: number;
  from: DiffSide;
  to: DiffSide;
  /** Only the fields that differ, in the order the editor shows them. */
  fields: FieldDiff[];
  text: string;
}

/** A block as one line of text: its words, or what it shows when it has none. */
function blockLine(block: Block): string {
  const words = renderPlainText([block]).replace(/\s+/g, ' ').trim();
  switch (block.type) {
    case 'image':
      return `[Picture #${block.media}]${words ? ` ${words}` : ''}`;
    case 'embed':
      return `[Embed ${block.url}]${words ? ` ${words}` : ''}`;
    case 'separator':
      return '[Separator]';
    default:
      return words;
  }
}

const NONE = '(none)';

/**
 * Compares two revisions of a post, or a revision (`from`) and the post as it
 * is now (no `to`), field by field: texts word by word, the body block by
 * block as plain text, references by their names.
 */
export async function diffRevisions(context: OperationContext, input: unknown): Promise<RevisionDiff> {
  const { id, from, to } = revisionDiffInput.parse(input);
  const { store } = context;
  const older = await readRevision(context, { id, revision: from });
  let newer: { content: PostContent; side: DiffSide };
  if (to === undefined) {
    const post = await store.posts.findById(id);
    if (!post) throw notFound('The post');
    newer = { content: contentOf(post), side: { revision: null, savedAt: post.updatedAt, savedBy: null } };
  } else {
    const revision = await readRevision(context, { id, revision: to });
    newer = { content: revision.snapshot, side: { revision: to, savedAt: revision.savedAt, savedBy: revision.savedBy } };
  }
  const a = older.snapshot;
  const b = newer.content;

  const categoryIds = [...new Set([a.categoryId, b.categoryId].filter((c): c is number => c !== null))];
  const [categories, tags, users] = await Promise.all([
    Promise.all(categoryIds.map((c) => store.categories.findById(c))),
    store.tags.findByIds([...new Set([...a.tagIds, ...b.tagIds])]),
    store.users.findByIds([...new Set([...a.authorIds, ...b.authorIds])]),
  ]);
  const named = (names: Map<number, string>) => (id: number) => names.get(id) ?? `#${id} (deleted)`;
  const categoryName = named(new Map(categories.flatMap((c) => (c ? [[c.id, c.name] as const] : []))));
  const tagName = named(new Map(tags.map((t) => [t.id, t.name])));
  const userName = named(new Map(users.map((u) => [u.id, u.name])));
  const seoLines = (c: PostContent) => [
    `Title: ${c.seo.title ?? NONE}`,
    `Description: ${c.seo.description ?? NONE}`,
    `Canonical URL: ${c.seo.canonicalUrl ?? NONE}`,
    `Hidden from search engines: ${c.seo.isNoindex ? 'yes' : 'no'}`,
  ];
  const sourceLines = (c: PostContent) => c.sources.map((s) => [s.name, s.url, s.note].filter(Boolean).join(' — '));

  const fields: FieldDiff[] = [];
  const inline = (field: keyof PostContent, label: string, parts: DiffPart[]) => fields.push({ field, label, parts, text: `${label}: ${partsText(parts)}` });
  const lines = (field: keyof PostContent, label: string, before: string[], after: string[]) => {
    const diff = linesDiff(before, after);
    if (diff.lines.length > 0) fields.push({ field, label, parts: diff.parts, text: [`${label}:`, ...diff.lines.map((l) => `  ${l}`)].join('\n') });
  };
  const value = (field: keyof PostContent, label: string, show: (c: PostContent) => string) => {
    if (show(a) !== show(b)) inline(field, label, valueDiff(show(a), show(b)));
  };

  if (a.title !== b.title) inline('title', 'Title', wordDiff(a.title, b.title));
  value('slug', 'Slug', (c) => c.slug);
  value('status', 'Status', (c) => c.status);
  value('kind', 'Kind', (c) => c.kind);
  value('publishedAt', 'Publication time', (c) => c.publishedAt ?? NONE);
  if (a.excerpt !== b.excerpt) inline('excerpt', 'Excerpt', wordDiff(a.excerpt, b.excerpt));
  value('featuredMediaId', 'Featured picture', (c) => (c.featuredMediaId === null ? NONE : `#${c.featuredMediaId}`));
  value('categoryId', 'Section', (c) => (c.categoryId === null ? NONE : categoryName(c.categoryId)));
  if (a.authorIds.join() !== b.authorIds.join()) inline('authorIds', 'Authors', listDiff(a.authorIds.map(userName), b.authorIds.map(userName)));
  if (a.tagIds.join() !== b.tagIds.join()) inline('tagIds', 'Tags', listDiff(a.tagIds.map(tagName), b.tagIds.map(tagName)));
  lines('body', 'Body', a.body.map(blockLine), b.body.map(blockLine));
  lines('sources', 'Sources', sourceLines(a), sourceLines(b));
  lines('seo', 'Search and sharing', seoLines(a), seoLines(b));

  return {
    postId: id,
    from: { revision: from, savedAt: older.savedAt, savedBy: older.savedBy },
    to: newer.side,
    fields,
    text: fields.map((f) => f.text).join('\n'),
  };
}
