import { notFound, validationFailed } from '../../lib/errors.js';
import { approveInput, postIdInput, postRefInput, scheduleInput, sendBackInput } from '../../content/schemas-editorial.js';
import type { RevisionAction } from '../../content/store-editorial.js';
import type { PersonRef, Post } from '../../content/types.js';
import type { EditorialContext } from './context.js';
import { savePost } from './save-post.js';

/**
 * The review workflow, with WordPress's statuses: a writer submits a draft,
 * an editor publishes it (or schedules it) or sends it back with a note;
 * published and scheduled posts can be taken back to draft. Each step names
 * the revision its actor was looking at (checked like a save), is refused
 * with CONFLICT from a status it does not start from, and is recorded as a
 * revision with who took it. Publishing and scheduling need alt text on
 * every picture (see alt-text.ts). Roles are the API layer's to check.
 */

/** Draft → pending review. */
export async function submitForReview(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision } = postRefInput.parse(input);
  return savePost(context, { postId: id, revision, allowedFrom: ['draft'], changes: { status: 'pending' }, action: 'submit', actor: context.actor, refused: {} });
}

/**
 * Pending or draft → published now, or scheduled when its publication time
 * (`publishedAt` given, or one already set on the post) is still to come.
 * `publishedAt` in the past publishes the post with that date.
 */
export async function approveAndPublish(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision, publishedAt } = approveInput.parse(input);
  const now = context.clock.now();
  return savePost(context, {
    postId: id,
    revision,
    allowedFrom: ['pending', 'draft'],
    changes: (current) => {
      const isSetForLater = current.publishedAt !== null && new Date(current.publishedAt) > now;
      const at = publishedAt ? new Date(publishedAt).toISOString() : isSetForLater ? current.publishedAt! : now.toISOString();
      return { status: new Date(at) > now ? 'scheduled' : 'published', publishedAt: at };
    },
    action: 'publish',
    actor: context.actor,
    refused: {},
  });
}

/** Pending → draft, with the editor's note on what to change (see readReviewNote). */
export async function sendBack(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision, note } = sendBackInput.parse(input);
  if (note.trim() === '') throw validationFailed([{ path: '/note', message: 'must say what the writer should change' }]);
  return savePost(context, {
    postId: id,
    revision,
    allowedFrom: ['pending'],
    changes: { status: 'draft' },
    action: 'send-back',
    note: note.trim(),
    actor: context.actor,
    refused: {},
  });
}

/** Published or scheduled → draft: off the site (or off the schedule) until published again. */
export async function unpublish(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision } = postRefInput.parse(input);
  return savePost(context, {
    postId: id,
    revision,
    allowedFrom: ['published', 'scheduled'],
    changes: { status: 'draft' },
    action: 'unpublish',
    actor: context.actor,
    refused: {},
  });
}

/** Draft, pending or scheduled → scheduled at `publishedAt`, which must be in the future. */
export async function schedule(context: EditorialContext, input: unknown): Promise<Post> {
  const { id, revision, publishedAt } = scheduleInput.parse(input);
  return savePost(context, {
    postId: id,
    revision,
    allowedFrom: ['draft', 'pending', 'scheduled'],
    changes: { status: 'scheduled', publishedAt: new Date(publishedAt).toISOString() },
    action: 'schedule',
    actor: context.actor,
    refused: {},
  });
}

const WORKFLOW_ACTIONS: ReadonlySet<RevisionAction> = new Set(['submit', 'publish', 'schedule', 'send-back', 'unpublish', 'scheduled-publish']);

export interface ReviewNote {
  note: string;
  by: PersonRef | null;
  at: string;
  revision: number;
}

/**
 * The note a post was sent back with, while that is the last word on it:
 * saves since do not hide it, but submitting it again (or publishing) does.
 */
export async function readReviewNote(context: EditorialContext, input: unknown): Promise<ReviewNote | null> {
  const { id } = postIdInput.parse(input);
  if (!(await context.store.posts.findById(id))) throw notFound('The post');
  const last = (await context.store.editorial.listRevisions(id)).find((r) => WORKFLOW_ACTIONS.has(r.action));
  if (!last || last.action !== 'send-back' || last.note === null) return null;
  return { note: last.note, by: last.savedBy, at: last.savedAt, revision: last.revision };
}
