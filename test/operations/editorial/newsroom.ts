import type { Store } from '../../../src/content/store.js';
import type { Media, Post } from '../../../src/content/types.js';
import { paragraphs } from '../../../src/content/body.js';
import type { Clock } from '../../../src/lib/clock.js';
import { AppError, type FieldIssue } from '../../../src/lib/errors.js';
import { createPost } from '../../../src/operations/create-post.js';
import { createUser } from '../../../src/operations/create-terms.js';
import type { Actor, EditorialContext } from '../../../src/operations/editorial/context.js';
import { createBasics, TEST_NOW, type Basics } from '../../helpers/factories.js';

/** A clock the test moves: scheduling, expiry and "newest updated first" all need time to pass. */
export interface MovableClock extends Clock {
  set(iso: string): void;
  advance(ms: number): void;
}

export function movableClock(iso = TEST_NOW): MovableClock {
  let at = new Date(iso).getTime();
  return {
    now: () => new Date(at),
    set: (next) => (at = new Date(next).getTime()),
    advance: (ms) => (at += ms),
  };
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface Newsroom {
  basics: Basics;
  clock: MovableClock;
  writer: Actor & { name: string };
  editor: Actor & { name: string };
  as(actor: Actor): EditorialContext;
}

/** A section, tags, and two people: a writer (also the basics' author is someone else) and an editor. */
export async function createNewsroom(store: Store): Promise<Newsroom> {
  const clock = movableClock();
  const basics = await createBasics(store, clock);
  const writer = await createUser({ store, clock }, { name: 'Wanda Writer', slug: 'wanda', role: 'author' });
  const editor = await createUser({ store, clock }, { name: 'Eddie Editor', slug: 'eddie', role: 'editor' });
  return {
    basics,
    clock,
    writer: { id: writer.id, role: writer.role, name: writer.name },
    editor: { id: editor.id, role: editor.role, name: editor.name },
    as: (actor) => ({ store, clock, actor }),
  };
}

/** A picture row as an upload leaves it; the files do not matter to these tests. */
export async function createPicture(store: Store, details: { alt: string; caption?: string | null }): Promise<Media> {
  return store.media.insert({
    path: `2026/11/picture-${Math.random().toString(36).slice(2)}.jpg`,
    mimeType: 'image/jpeg',
    width: 1200,
    height: 800,
    alt: details.alt,
    caption: details.caption ?? null,
    credit: 'DFree',
    agency: 'Shutterstock.com',
    licence: null,
    variantWidths: [],
    crops: [],
    createdAt: TEST_NOW,
  });
}

/** A draft by the writer, in the basics' section and tag, unless told otherwise. */
export async function createDraft(newsroom: Newsroom, context: EditorialContext, input: Record<string, unknown> = {}): Promise<Post> {
  return createPost(context, {
    title: 'Legend speaks out',
    body: paragraphs(['The singer said he was tired of the feud.']),
    authorIds: [newsroom.writer.id],
    categoryId: newsroom.basics.categoryId,
    tagIds: [newsroom.basics.tagId],
    ...input,
  });
}

/** The error an operation was refused with, for asserting on its code and issues. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the operation to be refused, but it succeeded');
}

export const paths = (issues: readonly FieldIssue[]) => issues.map((i) => i.path);
