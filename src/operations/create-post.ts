import { AppError, validationFailed, type FieldIssue } from '../lib/errors.js';
import { checkBody, referencedMedia, type BodyDocument } from '../content/body.js';
import { postInput } from '../content/schemas.js';
import type { Store } from '../content/store.js';
import type { CategoryRef, Media, PersonRef, Post, PostStatus, TagRef, TeaserImage } from '../content/types.js';
import { uniqueSlug } from '../content/unique-slug.js';
import { renderBodyHtml } from '../render/body-html.js';
import { renderPlainText, summarise } from '../render/plain-text.js';
import type { OperationContext } from './context.js';
import { loadFragmentSite, renderPostFragments } from './post-fragments.js';

/**
 * Validates and stores a new post. Every reference (authors, tags, category,
 * media) must exist, so nothing can point at nothing; the body is rendered to
 * HTML here, once, and stored beside the document.
 */
export async function createPost(context: OperationContext, input: unknown): Promise<Post> {
  const parsed = postInput.parse(input);
  const issues: FieldIssue[] = checkBody(parsed.body);
  const body = parsed.body as BodyDocument;
  const status: PostStatus = parsed.status ?? 'draft';
  const now = context.clock.now();

  let publishedAt = parsed.publishedAt ? new Date(parsed.publishedAt).toISOString() : null;
  if (status === 'published' && !publishedAt) publishedAt = now.toISOString();
  if (status === 'scheduled') {
    if (!publishedAt) issues.push({ path: '/publishedAt', message: 'is required to schedule a post' });
    else if (new Date(publishedAt) <= now) issues.push({ path: '/publishedAt', message: 'must be in the future to schedule a post' });
  }
  if (issues.length > 0) throw validationFailed(issues);

  return context.store.transaction(async (store) => {
    const { media, refs } = await resolveReferences(store, { ...parsed, body });
    const slug = parsed.slug ?? (await uniqueSlug({ wanted: parsed.title, fallback: 'post', exists: (s) => store.posts.slugExists(s) }));
    if (parsed.slug && (await store.posts.slugExists(parsed.slug))) {
      throw new AppError('CONFLICT', `The slug "${parsed.slug}" is already used by another post`, {
        issues: [{ path: '/slug', message: 'is already used by another post' }],
      });
    }
    const featuredMediaId = parsed.featuredMediaId ?? null;
    const kind = parsed.kind ?? 'article';
    const excerpt = parsed.excerpt ?? '';
    const seo = {
      title: parsed.seo?.title ?? null,
      description: parsed.seo?.description ?? null,
      canonicalUrl: parsed.seo?.canonicalUrl ?? null,
      isNoindex: parsed.seo?.isNoindex ?? false,
    };
    const sources = parsed.sources ?? [];
    const bodyHtml = renderBodyHtml(body, { media, featuredMediaId });
    const card = {
      kind,
      slug,
      title: parsed.title,
      excerpt,
      publishedAt: publishedAt ?? now.toISOString(),
      updatedAt: now.toISOString(),
      category: refs.category,
      authors: refs.authors,
      image: refs.featuredMedia && teaserImage(refs.featuredMedia),
    };
    const bodyText = renderPlainText(body);
    const page = {
      tags: refs.tags,
      sources,
      seo,
      summary: excerpt || summarise(bodyText),
      featuredMedia: refs.featuredMedia,
      isFeaturedInBody: refs.isFeaturedInBody,
    };
    return store.posts.insert({
      kind,
      status,
      slug,
      title: parsed.title,
      excerpt,
      body,
      bodyHtml,
      bodyText,
      featuredMediaId,
      categoryId: parsed.categoryId ?? null,
      authorIds: parsed.authorIds,
      tagIds: parsed.tagIds ?? [],
      mediaIds: [...new Set([...(featuredMediaId ? [featuredMediaId] : []), ...referencedMedia(body)])],
      sources,
      seo,
      card,
      page,
      fragments: renderPostFragments(await loadFragmentSite(store), { card, page, bodyHtml }),
      publishedAt,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });
}

function teaserImage({ id, path, width, height, alt, variantWidths, crops }: Media): TeaserImage {
  return { id, path, width, height, alt, variantWidths, crops };
}

interface ResolvedReferences {
  category: CategoryRef | null;
  authors: PersonRef[];
  tags: TagRef[];
  featuredMedia: Media | null;
  isFeaturedInBody: boolean;
}

/**
 * Refuses references to things that do not exist, naming each; returns the
 * media the body shows and what the post shows of each reference, in its order.
 */
async function resolveReferences(
  store: Store,
  post: { authorIds: number[]; tagIds?: number[]; categoryId?: number | null; featuredMediaId?: number | null; body: BodyDocument },
): Promise<{ media: Map<number, Media>; refs: ResolvedReferences }> {
  const issues: FieldIssue[] = [];
  const tagIds = post.tagIds ?? [];
  const bodyMediaIds = referencedMedia(post.body);
  const [authors, tags, category, media] = await Promise.all([
    store.users.findByIds(post.authorIds),
    store.tags.findByIds(tagIds),
    post.categoryId ? store.categories.findById(post.categoryId) : Promise.resolve(undefined),
    store.media.findByIds(post.featuredMediaId ? [...bodyMediaIds, post.featuredMediaId] : bodyMediaIds),
  ]);
  const authorById = new Map(authors.map((a) => [a.id, a]));
  const tagById = new Map(tags.map((t) => [t.id, t]));
  const mediaById = new Map(media.map((m) => [m.id, m]));
  post.authorIds.forEach((id, i) => authorById.has(id) || issues.push({ path: `/authorIds/${i}`, message: `no author has id ${id}` }));
  tagIds.forEach((id, i) => tagById.has(id) || issues.push({ path: `/tagIds/${i}`, message: `no tag has id ${id}` }));
  if (post.categoryId && !category) issues.push({ path: '/categoryId', message: `no category has id ${post.categoryId}` });
  if (post.featuredMediaId && !mediaById.has(post.featuredMediaId)) {
    issues.push({ path: '/featuredMediaId', message: `no media has id ${post.featuredMediaId}` });
  }
  post.body.forEach((block, i) => {
    if (block.type === 'image' && !mediaById.has(block.media)) issues.push({ path: `/body/${i}/media`, message: `no media has id ${block.media}` });
  });
  if (issues.length > 0) throw validationFailed(issues);
  const featured = post.featuredMediaId ? mediaById.get(post.featuredMediaId)! : null;
  return {
    media: mediaById,
    refs: {
      category: category ? { id: category.id, slug: category.slug, name: category.name } : null,
      authors: post.authorIds.map((id) => authorById.get(id)!).map(({ id, slug, name }) => ({ id, slug, name })),
      tags: tagIds.map((id) => tagById.get(id)!).map(({ id, slug, name, kind }) => ({ id, slug, name, kind })),
      featuredMedia: featured,
      isFeaturedInBody: featured !== null && bodyMediaIds.includes(featured.id),
    },
  };
}
