import { createHash, randomBytes } from 'node:crypto';
import { notFound } from '../../lib/errors.js';
import { postIdInput, previewLinkInput } from '../../content/schemas-editorial.js';
import type { PostFragments, PostStatus } from '../../content/types.js';
import type { OperationContext } from '../context.js';
import { renderPost } from '../post-content.js';
import { loadFragmentSite } from '../post-fragments.js';
import { resolveReferences } from '../post-references.js';
import type { EditorialContext } from './context.js';
import { contentOf } from './save-post.js';

const DAY_MS = 86_400_000;
const DEFAULT_DAYS = 7;
/** 32 random bytes in base64url: what createPreviewToken hands out. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A private link to a post that is not public yet, for someone without an
 * account. The token is shown once; the store keeps only its SHA-256, so a
 * leaked database does not open previews. Expires after `expiresInDays` (7).
 */
export async function createPreviewToken(context: EditorialContext, input: unknown): Promise<{ token: string; expiresAt: string }> {
  const { id, expiresInDays } = previewLinkInput.parse(input);
  if (!(await context.store.posts.findById(id))) throw notFound('The post');
  const token = randomBytes(32).toString('base64url');
  const now = context.clock.now();
  const expiresAt = new Date(now.getTime() + (expiresInDays ?? DEFAULT_DAYS) * DAY_MS).toISOString();
  await context.store.editorial.insertPreviewToken({
    tokenHash: hashOf(token),
    postId: id,
    createdBy: context.actor.id,
    createdAt: now.toISOString(),
    expiresAt,
    revokedAt: null,
  });
  return { token, expiresAt };
}

/** Ends every preview link of a post at once; returns how many were still open. */
export async function revokePreviewTokens(context: EditorialContext, input: unknown): Promise<number> {
  const { id } = postIdInput.parse(input);
  return context.store.editorial.revokePreviewTokens({ postId: id, revokedAt: context.clock.now().toISOString() });
}

export interface Preview {
  postId: number;
  status: PostStatus;
  revision: number;
  /** As the stored page fragments are: the site's origin still to be filled in. Serve with noindex. */
  fragments: PostFragments;
}

/**
 * The post behind a preview link, rendered now as its page would be. An
 * unknown, malformed, expired or revoked token, or a trashed post, is
 * NOT_FOUND, all alike, so a link gives nothing away.
 */
export async function readPreview(context: OperationContext, token: string): Promise<Preview> {
  const gone = notFound('This preview link');
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) throw gone;
  const found = await context.store.editorial.findPreviewToken(hashOf(token));
  if (!found || found.revokedAt !== null || new Date(found.expiresAt) <= context.clock.now()) throw gone;
  const post = await context.store.posts.findById(found.postId);
  if (!post || post.status === 'trashed') throw gone;
  const content = contentOf(post);
  const references = await resolveReferences(context.store, content, { shouldIgnoreMissingMedia: true });
  // A preview link is the newsroom's to give, to someone meant to read the story: a protected post shows it whole.
  const rendered = renderPost({ site: await loadFragmentSite(context.store), content, references, updatedAt: post.updatedAt, isProtected: false });
  return { postId: post.id, status: post.status, revision: post.revision, fragments: rendered.fragments };
}
