import { notFound, validationFailed } from '../../lib/errors.js';
import { checkBody } from '../../content/body.js';
import { postIdInput, postUpdateInput } from '../../content/schemas-editorial.js';
import type { Autosave } from '../../content/store-editorial.js';
import type { EditorialContext } from './context.js';

export interface AutosaveState extends Autosave {
  /** Someone saved the post after this autosave's editor opened it: offer it as a copy, not as the post. */
  isStale: boolean;
}

/**
 * Keeps an editor's unsaved changes (`{ id, revision, ...changes }`, checked
 * like a save's) for that editor and post, replacing the previous ones. It
 * writes no revision and leaves the post, and what readers see, alone; the
 * next real save by the same editor clears it.
 */
export async function autosavePost(context: EditorialContext, input: unknown): Promise<AutosaveState> {
  const { id, revision, ...changes } = postUpdateInput.parse(input);
  if (changes.body !== undefined) {
    const issues = checkBody(changes.body);
    if (issues.length > 0) throw validationFailed(issues);
  }
  const post = await context.store.posts.findById(id);
  if (!post) throw notFound('The post');
  if (revision > post.revision) throw validationFailed([{ path: '/revision', message: `is ahead of the post, whose latest revision is ${post.revision}` }]);
  const autosave: Autosave = { postId: id, userId: context.actor.id, baseRevision: revision, savedAt: context.clock.now().toISOString(), changes };
  await context.store.editorial.putAutosave(autosave);
  return { ...autosave, isStale: revision < post.revision };
}

/** The acting editor's autosave of a post, or null when there is none. */
export async function readAutosave(context: EditorialContext, input: unknown): Promise<AutosaveState | null> {
  const { id } = postIdInput.parse(input);
  const post = await context.store.posts.findById(id);
  if (!post) throw notFound('The post');
  const autosave = await context.store.editorial.findAutosave({ postId: id, userId: context.actor.id });
  return autosave ? { ...autosave, isStale: autosave.baseRevision < post.revision } : null;
}
