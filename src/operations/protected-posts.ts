import { createHmac } from 'node:crypto';
import { isSameSecret } from '../lib/same-secret.js';
import type { PageDetails, Teaser } from '../content/types.js';
import type { RenderSite } from '../render/render-site.js';
import type { OperationContext } from './context.js';
import { renderPost } from './post-content.js';
import { resolveReferences } from './post-references.js';
import { contentOf } from './editorial/save-post.js';

/**
 * Password-protected posts, WordPress's way: a reader who gives the password
 * gets a cookie that opens the post for 10 days. The cookie holds an HMAC of
 * the post's id keyed by its password, never the password: it opens only that
 * post, and stops working when the password changes.
 */

/** How long a given password keeps a post open, as WordPress's post_password_expires. */
export const PASS_COOKIE_DAYS = 10;

/** WordPress keeps post passwords in a VARCHAR(255); anything longer cannot match. */
const MAX_PASSWORD_LENGTH = 255;

export function passCookieName(postId: number): string {
  return `masthead_postpass_${postId}`;
}

function passToken(postId: number, password: string): string {
  return createHmac('sha256', password).update(`masthead-postpass:${postId}`).digest('base64url');
}

export type UnlockResult =
  /** The password matched: set this cookie and send the reader back to the post. */
  | { outcome: 'unlocked'; cookie: { name: string; value: string; maxAgeSeconds: number } }
  /** It did not: show the form again, saying so; `post` is what the locked page shows. */
  | { outcome: 'refused'; post: Teaser & PageDetails }
  /** The post has no password: there is nothing to unlock. */
  | { outcome: 'open' };

/** A reader gives a post's password (the form's `post_password`, unchecked input). Undefined when no public post has the slug. */
export async function unlockPost(context: OperationContext, input: { slug: string; password: unknown }): Promise<UnlockResult | undefined> {
  const document = await context.store.posts.findPublishedDocument(input.slug, context.clock.now().toISOString());
  if (!document) return undefined;
  const post = document.isProtected ? await context.store.posts.findById(document.post.id) : undefined;
  if (!post?.password) return { outcome: 'open' };
  const given = typeof input.password === 'string' && input.password.length <= MAX_PASSWORD_LENGTH ? input.password : undefined;
  if (given !== undefined && isSameSecret(given, post.password)) {
    return { outcome: 'unlocked', cookie: { name: passCookieName(post.id), value: passToken(post.id, post.password), maxAgeSeconds: PASS_COOKIE_DAYS * 86_400 } };
  }
  return { outcome: 'refused', post: document.post };
}

/**
 * A protected post's article and comments for a reader whose cookie holds
 * its password, rendered now from the stored post (the stored article is the
 * form); undefined when the cookie does not open it.
 */
export async function readUnlockedArticle(
  context: OperationContext & { site: RenderSite },
  input: { postId: number; cookie: string },
): Promise<{ articleHtml: string; commentsHtml: string } | undefined> {
  const post = await context.store.posts.findById(input.postId);
  if (!post || post.password === null || post.status !== 'published') return undefined;
  if (!isSameSecret(input.cookie, passToken(post.id, post.password))) return undefined;
  const content = contentOf(post);
  const [references, commentsHtml] = await Promise.all([
    resolveReferences(context.store, content, { shouldIgnoreMissingMedia: true }),
    context.store.comments.findRendered(post.id),
  ]);
  const rendered = renderPost({ site: context.site, content, references, updatedAt: post.updatedAt, isProtected: false });
  return { articleHtml: rendered.fragments.articleHtml, commentsHtml };
}
