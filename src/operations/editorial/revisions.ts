import { notFound } from '../../lib/errors.js';
import { can, isRole } from '../../content/roles.js';
import { postIdInput, postRefInput, restoreInput } from '../../content/schemas-editorial.js';
import type { Revision, RevisionSummary } from '../../content/store-editorial.js';
import type { Post } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import type { EditorialContext } from './context.js';
import { savePost } from './save-post.js';

/** A post's revisions, newest first, without their bodies. NOT_FOUND for no such post. */
export async function listRevisions(context: OperationContext, input: unknown): Promise<RevisionSummary[]> {
  const { id } = postIdInput.parse(input);
  if (!(await context.store.posts.findById(id))) throw notFound('The post');
  return context.store.editorial.listRevisions(id);
}

/** One revision, `{ id, revision }`, with what the post said then. */
export async function readRevision(context: OperationContext, input: unknown): Promise<Revision> {
  const { id, revision } = postRefInput.parse(input);
  const found = await context.store.editorial.findRevision(id, revision);
  if (!found) throw notFound(`Revision ${revision} of the post`);
  return found;
}

/**
 * Brings back what revision `from` said, as a new save (`revision` is the one
 * the editor is looking at, checked like any save). The post keeps its status
 * and publication time: restoring words does not publish or unpublish them.
 * Someone who may not edit others' posts keeps the post's authors as they are
 * now, and someone who may not write pages its kind: a restore is no way round
 * the rules that they cannot take their own name off a post, put others' names
 * on it, or make it a page.
 */
export async function restoreRevision(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision, from } = restoreInput.parse(input);
  const { snapshot } = await readRevision(context, { id, revision: from });
  const { status: _status, publishedAt: _publishedAt, ...content } = snapshot;
  const { role } = context.actor;
  const isBylineRestored = isRole(role) && can(role, 'posts.edit-others');
  const isKindRestored = isRole(role) && can(role, 'pages.write');
  return savePost(context, {
    postId: id,
    revision,
    changes: (current) => ({
      ...content,
      ...(isBylineRestored ? {} : { authorIds: current.authorIds }),
      ...(isKindRestored ? {} : { kind: current.kind }),
    }),
    action: 'restore',
    note: `restored revision ${from}`,
    actor: context.actor,
    refused: { from },
  });
}
