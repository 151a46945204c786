import { validationFailed } from '../../lib/errors.js';
import { checkBody, type BodyDocument } from '../../content/body.js';
import { postUpdateInput, type PostChanges } from '../../content/schemas-editorial.js';
import type { PostContent } from '../../content/store-editorial.js';
import type { Post } from '../../content/types.js';
import type { EditorialContext } from './context.js';
import { savePost } from './save-post.js';

/** The fields a save changes, in stored form; a field left out keeps its stored value. */
export function contentChanges(changes: PostChanges): Partial<PostContent> {
  const out: Partial<PostContent> = {};
  if (changes.kind !== undefined) out.kind = changes.kind;
  if (changes.slug !== undefined) out.slug = changes.slug;
  if (changes.title !== undefined) out.title = changes.title;
  if (changes.excerpt !== undefined) out.excerpt = changes.excerpt;
  if (changes.body !== undefined) out.body = changes.body as BodyDocument;
  if (changes.featuredMediaId !== undefined) out.featuredMediaId = changes.featuredMediaId;
  if (changes.categoryId !== undefined) out.categoryId = changes.categoryId;
  if (changes.authorIds !== undefined) out.authorIds = changes.authorIds;
  if (changes.tagIds !== undefined) out.tagIds = changes.tagIds;
  if (changes.sources !== undefined) out.sources = changes.sources;
  if (changes.seo !== undefined) {
    out.seo = {
      title: changes.seo.title ?? null,
      description: changes.seo.description ?? null,
      canonicalUrl: changes.seo.canonicalUrl ?? null,
      isNoindex: changes.seo.isNoindex ?? false,
    };
  }
  if (changes.publishedAt !== undefined) out.publishedAt = new Date(changes.publishedAt).toISOString();
  return out;
}

/**
 * Saves an editor's changes to a post: `{ id, revision, ...changes }`, where
 * `revision` is the one the editor opened. Checked like a new post (fields,
 * body blocks, every reference, a free slug) and, when the post is public or
 * scheduled, for alt text on every picture. A post saved by someone else
 * since is refused with a SaveConflict (CONFLICT) that names who and when and
 * carries the changes back; nothing is written. Otherwise the revision goes
 * up by one, a revision records the save, a slug left behind is remembered,
 * and the editor's autosave is cleared.
 */
export async function updatePost(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision, ...changes } = postUpdateInput.parse(input);
  if (changes.body !== undefined) {
    const issues = checkBody(changes.body);
    if (issues.length > 0) throw validationFailed(issues);
  }
  return savePost(context, { postId: id, revision, changes: contentChanges(changes), action: 'save', actor: context.actor, refused: changes });
}
