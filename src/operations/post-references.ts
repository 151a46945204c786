import { validationFailed, type FieldIssue } from '../lib/errors.js';
import { referencedMedia, type BodyDocument } from '../content/body.js';
import type { Store } from '../content/store.js';
import type { CategoryRef, Media, PersonRef, TagRef } from '../content/types.js';

export interface ResolvedReferences {
  /** Every picture the post shows (body and featured), by id. */
  media: Map<number, Media>;
  category: CategoryRef | null;
  authors: PersonRef[];
  tags: TagRef[];
  featuredMedia: Media | null;
  isFeaturedInBody: boolean;
}

export interface ReferencedBy {
  authorIds: number[];
  tagIds: number[];
  categoryId: number | null;
  featuredMediaId: number | null;
  body: BodyDocument;
}

/**
 * Refuses references to things that do not exist, naming each; returns what
 * the post shows of each, in its order. Re-rendering a stored post passes
 * `shouldIgnoreMissingMedia`: a picture deleted since the post was saved
 * leaves nothing in the body (see render/body-html.ts) instead of stopping
 * the post from being rendered at all.
 */
export async function resolveReferences(store: Store, post: ReferencedBy, options: { shouldIgnoreMissingMedia?: boolean } = {}): Promise<ResolvedReferences> {
  const issues: FieldIssue[] = [];
  const bodyMediaIds = referencedMedia(post.body);
  const [authors, tags, category, media] = await Promise.all([
    store.users.findByIds(post.authorIds),
    store.tags.findByIds(post.tagIds),
    post.categoryId ? store.categories.findById(post.categoryId) : Promise.resolve(undefined),
    store.media.findByIds(post.featuredMediaId ? [...bodyMediaIds, post.featuredMediaId] : bodyMediaIds),
  ]);
  const authorById = new Map(authors.map((a) => [a.id, a]));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const mediaById = new Map(media.map((m) => [m.id, m]));
  post.authorIds.forEach((id, i) => authorById.has(id) || issues.push({ path: `/authorIds/${i}`, message: `no author has id ${id}` }));
  post.tagIds.forEach((id, i) => tagById.has(id) || issues.push({ path: `/tagIds/${i}`, message: `no tag has id ${id}` }));
  if (post.categoryId && !category) issues.push({ path: '/categoryId', message: `no category has id ${post.categoryId}` });
  if (post.featuredMediaId && !mediaById.has(post.featuredMediaId)) {
    issues.push({ path: '/featuredMediaId', message: `no media has id ${post.featuredMediaId}` });
  }
  if (!options.shouldIgnoreMissingMedia) {
    post.body.forEach((block, i) => {
      if (block.type === 'image' && !mediaById.has(block.media)) issues.push({ path: `/body/${i}/media`, message: `no media has id ${block.media}` });
    });
  }
  if (issues.length > 0) throw validationFailed(issues);
  const featured = post.featuredMediaId ? mediaById.get(post.featuredMediaId)! : null;
  return {
    media: mediaById,
    category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
    authors: post.authorIds.map((id) => authorById.get(id)!).map(({ id, slug, name }) => ({ id, slug, name })),
    tags: post.tagIds.map((id) => tagById.get(id)!).map(({ id, slug, name, kind }) => ({ id, slug, name, kind })),
    featuredMedia: featured,
    isFeaturedInBody: featured !== null && bodyMediaIds.includes(featured.id),
  };
}
