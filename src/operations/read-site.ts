import type { Cursor, ListScope, PostDocument } from '../content/store.js';
import type { CardRow, Category, Media, PostPage, Teaser } from '../content/types.js';
import type { ArchiveOwner } from '../content/store-site-pages.js';
import type { OperationContext } from './context.js';

/** The public site's reads. Each is one use case, and each makes a fixed, small number of queries. */

export interface ArticleRead {
  post: PostPage;
  related: CardRow[];
}

const RELATED_STORIES = 4;

export async function readArticle(context: OperationContext, slug: string): Promise<ArticleRead | undefined> {
  return context.store.sitePages.article({ slug, now: context.clock.now().toISOString(), relatedLimit: RELATED_STORIES });
}

export interface DocumentRead extends PostDocument {
  /** The media the body shows, by id. */
  media: Map<number, Media>;
}

/** A published post as its document and the media it shows, for renderers that work from the document: one query. */
export async function readPostDocument(context: OperationContext, slug: string): Promise<DocumentRead | undefined> {
  const found = await context.store.sitePages.document({ slug, now: context.clock.now().toISOString() });
  if (!found) return undefined;
  const { media, ...document } = found;
  return { ...document, media: new Map(media.map((m) => [m.id, m])) };
}

export interface Page<T> {
  items: T[];
  /** Where the next page starts, or undefined on the last page. */
  next?: Cursor;
}

function paginate<T extends { id: number; publishedAt: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return rows.length > limit && last ? { items, next: { publishedAt: last.publishedAt, id: last.id } } : { items };
}

/**
 * One page of an archive, as stored cards. Links carry the cursor of the page
 * before (`after`); a bare page number, as old WordPress links have, is turned
 * into one first.
 */
export async function readArchive(
  context: OperationContext,
  input: { scope: ListScope; limit: number; after?: Cursor; page?: number },
): Promise<Page<CardRow>> {
  const now = context.clock.now().toISOString();
  let after = input.after;
  if (!after && input.page && input.page > 1) {
    after = await context.store.posts.cursorAt({ scope: input.scope, now, skip: (input.page - 1) * input.limit });
    if (!after) return { items: [] };
  }
  const rows = await context.store.posts.listCards({ scope: input.scope, now, limit: input.limit + 1, after });
  return paginate(rows, input.limit);
}

export async function readSearch(context: OperationContext, input: { text: string; limit: number; after?: Cursor }): Promise<Page<CardRow>> {
  const now = context.clock.now().toISOString();
  const rows = await context.store.posts.search({ text: input.text, now, limit: input.limit + 1, after: input.after });
  return paginate(rows, input.limit);
}

export interface HomeRead {
  lead: Teaser | null;
  /** Sticky stories after the lead (itself the newest sticky one, when there is one), newest first. */
  sticky: CardRow[];
  latest: CardRow[];
  sections: Array<{ category: Category; posts: CardRow[] }>;
  next?: Cursor;
}

const SECTION_COUNT = 4;
const SECTION_SIZE = 4;
/** More sticky stories than this are listed where their date puts them. */
const MAX_STICKY = 10;

/**
 * Lead story, the latest after it, and a short section per busiest category:
 * one query. As WordPress's front page does, sticky articles come first,
 * the newest leading, and the page's other stories follow without them; the
 * next page starts where the first would have ended had none been sticky.
 */
export async function readHome(context: OperationContext, input: { limit: number }): Promise<HomeRead> {
  const now = context.clock.now().toISOString();
  const { top, categories, natural, sections } = await context.store.sitePages.home({
    now,
    stickyLimit: MAX_STICKY,
    limit: input.limit + 1,
    sectionCount: SECTION_COUNT,
    sectionSize: SECTION_SIZE,
  });
  const [leadSticky, ...otherSticky] = top.sticky;
  const lead = leadSticky?.teaser ?? top.newest ?? null;
  const shownAbove = new Set([...(lead ? [lead.id] : []), ...top.sticky.map((card) => card.id)]);
  const firstPage = natural.slice(0, input.limit);
  const last = firstPage.at(-1);
  return {
    lead,
    sticky: otherSticky.map(({ id, publishedAt, html }) => ({ id, publishedAt, html })),
    latest: firstPage.filter((card) => !shownAbove.has(card.id)),
    sections: categories.map((category) => ({ category, posts: sections.get(category.id) ?? [] })).filter((s) => s.posts.length > 0),
    next: natural.length > input.limit && last ? { publishedAt: last.publishedAt, id: last.id } : undefined,
  };
}

export type { ArchiveOwner };

export interface ArchiveRead {
  owner: ArchiveOwner;
  /** The tag's picture or the author's portrait. */
  image: Media | null;
  page: Page<CardRow>;
}

/**
 * An archive page: what it is of, its picture and its stories, in one query.
 * A bare page number, as old WordPress links have, costs two more (the
 * archive, then where its page starts).
 */
export async function readArchivePage(
  context: OperationContext,
  input: { kind: ArchiveOwner['kind']; slug: string; limit: number; after?: Cursor; page: number },
): Promise<ArchiveRead | undefined> {
  const now = context.clock.now().toISOString();
  let after = input.after;
  if (!after && input.page > 1) {
    const owner = await findArchiveOwner(context, input.kind, input.slug);
    if (!owner) return undefined;
    after = await context.store.posts.cursorAt({ scope: scopeOf(owner), now, skip: (input.page - 1) * input.limit });
    if (!after) return { owner, image: null, page: { items: [] } };
  }
  const found = await context.store.sitePages.archive({ kind: input.kind, slug: input.slug, now, limit: input.limit + 1, after });
  return found && { owner: found.owner, image: found.image, page: paginate(found.cards, input.limit) };
}

/** The stories an archive lists. */
export function scopeOf(owner: ArchiveOwner): ListScope {
  if (owner.kind === 'category') return { kind: 'category', id: owner.category.id };
  if (owner.kind === 'tag') return { kind: 'tag', id: owner.tag.id };
  return { kind: 'author', id: owner.user.id };
}

/** Finds what an archive URL names (/category/x/, /tag/x/, /author/x/). */
export async function findArchiveOwner(context: OperationContext, kind: ArchiveOwner['kind'], slug: string): Promise<ArchiveOwner | undefined> {
  if (kind === 'category') {
    const category = await context.store.categories.findBySlug(slug);
    return category && { kind, category };
  }
  if (kind === 'tag') {
    const tag = await context.store.tags.findBySlug(slug);
    return tag && { kind, tag };
  }
  const user = await context.store.users.findBySlug(slug);
  return user && { kind, user };
}

/** The current slug of a public post that once had `slug`, for a 301 from the old address. */
export async function findMovedPost(context: OperationContext, slug: string): Promise<string | undefined> {
  const id = await context.store.editorial.findPostIdByOldSlug(slug);
  if (id === undefined) return undefined;
  const post = await context.store.posts.findById(id);
  const now = context.clock.now().toISOString();
  return post && post.status === 'published' && post.publishedAt !== null && post.publishedAt <= now && post.slug !== slug ? post.slug : undefined;
}
