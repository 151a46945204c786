import { AppError, notFound, validationFailed } from '../../lib/errors.js';
import type { Store } from '../../content/store.js';
import type { PostContent, RevisionAction } from '../../content/store-editorial.js';
import type { Post, PostStatus } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import { checkPublication, renderPost } from '../post-content.js';
import { loadFragmentSite } from '../post-fragments.js';
import { resolveReferences } from '../post-references.js';
import { missingAltText } from './alt-text.js';
import type { Actor } from './context.js';
import { SaveConflict } from './save-conflict.js';
import { listsMovedIn } from '../post-lists.js';

/** A post's content as a save starts from it. */
export function contentOf(post: Post): PostContent {
  return {
    kind: post.kind,
    status: post.status,
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    body: post.body,
    featuredMediaId: post.featuredMediaId,
    categoryId: post.categoryId,
    authorIds: post.authorIds,
    tagIds: post.tagIds,
    sources: post.sources,
    seo: post.seo,
    publishedAt: post.publishedAt,
  };
}

export interface SaveRequest {
  postId: number;
  /** The revision the editor started from. */
  revision: number;
  /** What the save changes; a function when that depends on the post as stored (read after the claim). */
  changes: Partial<PostContent> | ((current: Post) => Partial<PostContent>);
  /** The statuses this save may start from (a workflow step); any when absent. */
  allowedFrom?: readonly PostStatus[];
  action: RevisionAction;
  note?: string | null;
  actor: Actor | null;
  /** What the caller sent, handed back whole if the save is refused as stale. */
  refused: Record<string, unknown>;
}

/**
 * Every save goes through here: the post's revision is claimed first (a
 * conditional UPDATE, so two saves of one revision cannot both go on, on
 * either engine, in one process or several), then the content is checked,
 * rendered and written with its links, and a revision records it. Anything
 * refused rolls the claim back with the rest.
 */
export async function savePost(context: OperationContext, request: SaveRequest): Promise<Post> {
  return context.store.transaction(async (store) => {
    if (!(await store.editorial.claimRevision({ postId: request.postId, expected: request.revision }))) {
      throw await refusal(store, request);
    }
    const current = (await store.posts.findById(request.postId))!;
    if (request.allowedFrom && !request.allowedFrom.includes(current.status)) {
      throw new AppError('CONFLICT', `The post is ${current.status}; this can be done only to a post that is ${request.allowedFrom.join(' or ')}`, {
        issues: [{ path: '/status', message: `is ${current.status}, not ${request.allowedFrom.join(' or ')}` }],
      });
    }
    const now = context.clock.now();
    return writeSave(store, {
      current,
      changes: typeof request.changes === 'function' ? request.changes(current) : request.changes,
      action: request.action,
      note: request.note ?? null,
      actor: request.actor,
      now,
    });
  });
}

/** Why a claim failed: no such post, a revision from the future, or (the usual) someone saved first. */
async function refusal(store: Store, request: SaveRequest): Promise<AppError> {
  const stored = await store.posts.findById(request.postId);
  if (!stored) return notFound('The post');
  if (stored.revision < request.revision) {
    return validationFailed([{ path: '/revision', message: `is ahead of the post, whose latest revision is ${stored.revision}` }]);
  }
  const last = (await store.editorial.listRevisions(request.postId)).find((r) => r.revision === stored.revision);
  return new SaveConflict({
    stored: { revision: stored.revision, action: last?.action ?? null, savedAt: last?.savedAt ?? stored.updatedAt, savedBy: last?.savedBy ?? null },
    refused: { revision: request.revision, changes: request.refused },
  });
}

/**
 * Writes a save over a post whose revision is already claimed (`current` is
 * read after the claim, so it carries the new revision number). The scheduler
 * calls it after its own claim, with no changes, the alt-text check off (that
 * was done when the post was scheduled) and a picture deleted meanwhile left
 * out rather than holding the story back.
 */
export async function writeSave(
  store: Store,
  input: {
    current: Post;
    changes: Partial<PostContent>;
    action: RevisionAction;
    note: string | null;
    actor: Actor | null;
    now: Date;
    updatedAt?: string;
    shouldCheckAltText?: boolean;
    shouldIgnoreMissingMedia?: boolean;
  },
): Promise<Post> {
  const { current, changes, now } = input;
  const content: PostContent = { ...contentOf(current), ...changes };
  // An untouched schedule whose time passed before the scheduler ran is not the editor's error.
  const isTimingChanged = changes.status !== undefined || changes.publishedAt !== undefined;
  if (isTimingChanged) {
    const issues = checkPublication(content, now);
    if (issues.length > 0) throw validationFailed(issues);
  }
  const references = await resolveReferences(store, content, { shouldIgnoreMissingMedia: input.shouldIgnoreMissingMedia ?? false });
  if ((input.shouldCheckAltText ?? true) && (content.status === 'published' || content.status === 'scheduled')) {
    const issues = missingAltText(content, references.media);
    if (issues.length > 0) throw validationFailed(issues);
  }
  const updatedAt = input.updatedAt ?? now.toISOString();
  if (content.slug !== current.slug) {
    if (await store.posts.slugExists(content.slug)) {
      throw new AppError('CONFLICT', `The slug "${content.slug}" is already used by another post`, {
        issues: [{ path: '/slug', message: 'is already used by another post' }],
      });
    }
    await store.editorial.recordSlugChange({ postId: current.id, oldSlug: current.slug, newSlug: content.slug, changedAt: updatedAt });
  }
  // The password is not part of what a save changes (see post-access-settings.ts); a protected post stays protected.
  await store.editorial.writePost(current.id, renderPost({ site: await loadFragmentSite(store), content, references, updatedAt, isProtected: current.password !== null }));
  await store.editorial.insertRevision({
    postId: current.id,
    revision: current.revision,
    action: input.action,
    userId: input.actor?.id ?? null,
    note: input.note,
    createdAt: updatedAt,
    snapshot: content,
  });
  // The editor's unsaved state is now saved; another editor's stays, marked stale by its older base revision.
  if (input.actor) await store.editorial.deleteAutosave({ postId: current.id, userId: input.actor.id });
  // Every save, publication and scheduled publication: its pages (and lists showing it) may read differently.
  await store.changes.record({ kind: 'post', ids: [current.id], lists: listsMovedIn(contentOf(current), content) });
  return (await store.posts.findById(current.id))!;
}

