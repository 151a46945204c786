import type { CommentKind, CommentStatus, NewComment } from '../../content/store-comments.js';
import { refreshPostComments } from '../../operations/comments/render-comments.js';
import { fromGmt } from './wp-dates.js';
import { digestOf, knownItem, remember, type ImportState } from './import-state.js';
import type { WxrComment, WxrItem } from './wxr-records.js';

/**
 * A post's comments, threaded as they were and in their approval state
 * (approved, held for moderation, spam; the trash stays behind). Replies are
 * written after the comments they answer, whatever the export's order. The
 * post's rendered comments are refreshed once, and only if one changed.
 */

const STATUSES: Record<string, CommentStatus> = { '1': 'approved', approve: 'approved', '0': 'pending', hold: 'pending', spam: 'spam' };

export async function writeComments(state: ImportState, item: WxrItem, postId: number): Promise<void> {
  const ids = new Map<number, number>();
  let isChanged = false;
  const ordered = [...item.comments].sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const waiting = [...ordered];
  // Parents first: a reply waits until the comment it answers has an id here (one that never comes is written at the top).
  while (waiting.length > 0) {
    const at = waiting.findIndex((c) => c.parent === 0 || ids.has(c.parent) || !waiting.some((w) => w.id === c.parent));
    const [comment] = waiting.splice(Math.max(at, 0), 1);
    isChanged = (await writeComment(state, { item, postId, comment: comment!, ids })) || isChanged;
  }
  if (isChanged) await refreshPostComments(state.store, postId, { site: state.site });
}

async function writeComment(
  state: ImportState,
  input: { item: WxrItem; postId: number; comment: WxrComment; ids: Map<number, number> },
): Promise<boolean> {
  const { item, comment, ids } = input;
  const wpId = String(comment.id ?? `${item.postId}-${comment.dateGmt}-${comment.author}`);
  const base = { type: 'comment' as const, wpId, title: comment.author || undefined, line: item.line };
  const status = Object.hasOwn(STATUSES, comment.approved) ? STATUSES[comment.approved] : undefined; // "constructor" is on every object
  if (!status) {
    state.report.add({ ...base, outcome: 'skipped', reason: comment.approved === 'trash' ? 'in the WordPress trash' : `approval state “${comment.approved}” is not one WordPress shows` });
    return false;
  }
  const value: NewComment = {
    postId: input.postId,
    parentId: comment.parent ? (ids.get(comment.parent) ?? null) : null,
    kind: (['pingback', 'trackback'].includes(comment.type) ? comment.type : 'comment') as CommentKind,
    status,
    authorName: comment.author.trim() || 'Anonymous',
    authorEmail: comment.email.trim() || null,
    authorUrl: /^https?:\/\//i.test(comment.url.trim()) ? comment.url.trim() : null,
    userId: null,
    // As typed, like WordPress: every reader of it makes the paragraphs and sanitises (render/comments-html.ts).
    content: comment.content.trim(),
    createdAt: fromGmt(comment.dateGmt) ?? state.now,
  };
  const digest = digestOf(comment);
  const earlier = knownItem(state, 'comment', wpId);
  if (earlier) {
    ids.set(comment.id ?? 0, earlier.localId);
    if (earlier.digest === digest) {
      state.report.add({ ...base, outcome: 'unchanged' });
      return false;
    }
    await state.store.comments.update(earlier.localId, value);
    await remember(state, { type: 'comment', wpId, localId: earlier.localId, digest });
    state.report.add({ ...base, outcome: 'updated' });
    return true;
  }
  const stored = await state.store.comments.insert(value);
  if (comment.id !== undefined) ids.set(comment.id, stored.id);
  await remember(state, { type: 'comment', wpId, localId: stored.id, digest });
  state.report.add({ ...base, outcome: 'created' });
  return true;
}
