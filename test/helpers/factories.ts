import { join } from 'node:path';
import type { Store } from '../../src/content/store.js';
import type { Post } from '../../src/content/types.js';
import { paragraphs } from '../../src/content/body.js';
import { fixedClock, type Clock } from '../../src/lib/clock.js';
import { createPost } from '../../src/operations/create-post.js';
import { createCategory, createTag, createUser } from '../../src/operations/create-terms.js';
import { seedReferenceArticle } from '../../src/demo/reference-article.js';
import { createSharpIngest } from '../../src/media/sharp-ingest.js';

export const TEST_NOW = '2026-11-20T12:00:00.000Z';
export const testClock = (): Clock => fixedClock(TEST_NOW);

export interface Basics {
  authorId: number;
  categoryId: number;
  otherCategoryId: number;
  tagId: number;
  personTagId: number;
}

/** An author, two sections and two tags: what most post tests need. */
export async function createBasics(store: Store, clock: Clock = testClock()): Promise<Basics> {
  const context = { store, clock };
  const author = await createUser(context, { name: 'Ada Reporter', slug: 'ada' });
  const category = await createCategory(context, { name: 'Showbiz' });
  const other = await createCategory(context, { name: 'Music' });
  const tag = await createTag(context, { name: 'Politics' });
  const person = await createTag(context, { name: 'Kanye West', kind: 'person' });
  return { authorId: author.id, categoryId: category.id, otherCategoryId: other.id, tagId: tag.id, personTagId: person.id };
}

/** `count` published articles, one hour apart, the newest an hour before `TEST_NOW`. */
export async function createArticles(
  store: Store,
  basics: Basics,
  input: { count: number; prefix?: string; tagIds?: number[]; categoryId?: number; clock?: Clock },
): Promise<Post[]> {
  const clock = input.clock ?? testClock();
  const base = new Date(clock.now()).getTime();
  const posts: Post[] = [];
  for (let i = 0; i < input.count; i++) {
    posts.push(
      await createPost(
        { store, clock },
        {
          status: 'published',
          title: `${input.prefix ?? 'Story'} number ${i + 1}`,
          excerpt: `Excerpt of story ${i + 1}`,
          body: paragraphs([`Body text of story ${i + 1}.`]),
          authorIds: [basics.authorId],
          categoryId: input.categoryId ?? basics.categoryId,
          tagIds: input.tagIds ?? [basics.tagId],
          publishedAt: new Date(base - (i + 1) * 3600_000).toISOString(),
        },
      ),
    );
  }
  return posts;
}

/** The reference article with its pictures, as `npm start` seeds it. */
export async function seedReference(store: Store, dataDir: string, clock: Clock = testClock()): Promise<Post> {
  const images = createSharpIngest({ mediaDir: join(dataDir, 'media'), widths: [480, 1200] });
  return store.transaction((tx) => seedReferenceArticle({ store: tx, clock, images }));
}
