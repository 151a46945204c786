import { AppError, validationFailed } from '../lib/errors.js';
import { checkBody, type BodyDocument } from '../content/body.js';
import { postInput } from '../content/schemas.js';
import type { PostContent } from '../content/store-editorial.js';
import type { Post, PostStatus } from '../content/types.js';
import { uniqueSlug } from '../content/unique-slug.js';
import type { OperationContext } from './context.js';
import type { Actor } from './editorial/context.js';
import { checkPublication, renderPost } from './post-content.js';
import { loadFragmentSite } from './post-fragments.js';
import { listsMovedIn } from './post-lists.js';
import { resolveReferences } from './post-references.js';

/**
 * Validates and stores a new post. Every reference (authors, tags, category,
 * media) must exist, so nothing can point at nothing; the body is rendered to
 * HTML here, once, and stored beside the document. The post starts its
 * revision history; `actor`, when there is one (not for seeding), is recorded
 * as who wrote it.
 */
export async function createPost(context: OperationContext & { actor?: Actor }, input: unknown): Promise<Post> {
  const parsed = postInput.parse(input);
  const status: PostStatus = parsed.status ?? 'draft';
  const now = context.clock.now();
  let publishedAt = parsed.publishedAt ? new Date(parsed.publishedAt).toISOString() : null;
  if (status === 'published' && !publishedAt) publishedAt = now.toISOString();
  const issues = [...checkBody(parsed.body), ...checkPublication({ status, publishedAt }, now)];
  if (issues.length > 0) throw validationFailed(issues);
  const body = parsed.body as BodyDocument;

  return context.store.transaction(async (store) => {
    const featuredMediaId = parsed.featuredMediaId ?? null;
    const categoryId = parsed.categoryId ?? null;
    const tagIds = parsed.tagIds ?? [];
    const references = await resolveReferences(store, { authorIds: parsed.authorIds, tagIds, categoryId, featuredMediaId, body });
    if (parsed.slug && (await store.posts.slugExists(parsed.slug))) {
      throw new AppError('CONFLICT', `The slug "${parsed.slug}" is already used by another post`, {
        issues: [{ path: '/slug', message: 'is already used by another post' }],
      });
    }
    const slug = parsed.slug ?? (await uniqueSlug({ wanted: parsed.title, fallback: 'post', exists: (s) => store.posts.slugExists(s) }));
    const content: PostContent = {
      kind: parsed.kind ?? 'article',
      status,
      slug,
      title: parsed.title,
      excerpt: parsed.excerpt ?? '',
      body,
      featuredMediaId,
      categoryId,
      authorIds: parsed.authorIds,
      tagIds,
      sources: parsed.sources ?? [],
      seo: {
        title: parsed.seo?.title ?? null,
        description: parsed.seo?.description ?? null,
        canonicalUrl: parsed.seo?.canonicalUrl ?? null,
        isNoindex: parsed.seo?.isNoindex ?? false,
      },
      publishedAt,
    };
    const at = now.toISOString();
    const post = await store.posts.insert({
      // A new post is open; a password is set afterwards, with applyPostAccess().
      ...renderPost({ site: await loadFragmentSite(store), content, references, updatedAt: at, isProtected: false }),
      createdAt: at,
    });
    await store.editorial.insertRevision({
      postId: post.id,
      revision: post.revision,
      action: 'create',
      userId: context.actor?.id ?? null,
      note: null,
      createdAt: at,
      snapshot: content,
    });
    await store.changes.record({ kind: 'post', ids: [post.id], lists: listsMovedIn({ ...content, status: 'draft' }, content) });
    return post;
  });
}
