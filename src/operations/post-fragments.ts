import type { Store } from '../content/store.js';
import type { PageDetails, PostFragments, Teaser } from '../content/types.js';
import { renderArticle, renderLockedArticle } from '../render/article-html.js';
import { renderComments } from '../render/comments-html.js';
import { protectedView } from '../render/protected-post.js';
import { renderCard } from '../render/card-html.js';
import { articleHead, renderHead } from '../render/head-html.js';
import { createRenderSite, MEDIA_MARK, ORIGIN_MARK, type RenderSite } from '../render/render-site.js';
import { readSettings } from './read-settings.js';

/**
 * The site as stored fragments are rendered for: its current settings and
 * logo, with the origin left as a marker so that one stored page serves any
 * SITE_URL (the marker is replaced when the page is sent).
 */
export async function loadFragmentSite(store: Store): Promise<RenderSite> {
  const settings = await readSettings(store);
  const logo = settings.logoMediaId ? ((await store.media.findById(settings.logoMediaId)) ?? null) : null;
  return createRenderSite({ settings, logo, siteUrl: ORIGIN_MARK, mediaBase: MEDIA_MARK });
}

const MARKS = new RegExp(`[${ORIGIN_MARK}${MEDIA_MARK}]`, 'g');

/** Drops the origin and media markers from anything a post supplies, so only the renderer's own URLs carry them. */
export function withoutMarks<T>(value: T): T {
  const json = JSON.stringify(value);
  return json.includes(ORIGIN_MARK) || json.includes(MEDIA_MARK) ? (JSON.parse(json.replace(MARKS, '\uFFFD')) as T) : value;
}

/**
 * Renders the card, head and article a post is served with. A protected
 * post's (`isProtected`) show what protectedView() leaves of it, and its
 * article is the password form: its body is never in them.
 */
export function renderPostFragments(
  site: RenderSite,
  input: { card: Omit<Teaser, 'id'>; page: PageDetails; bodyHtml: string; isProtected: boolean },
): PostFragments {
  const shown = input.isProtected ? protectedView(input) : input;
  // The body HTML is the renderer's own, its media addresses marked (renderPost drops marks from the body's text before).
  const bodyHtml = input.isProtected ? '' : input.bodyHtml.replaceAll(ORIGIN_MARK, '\uFFFD');
  const post = { ...withoutMarks({ id: 0, ...shown.card, ...shown.page }), bodyHtml };
  return {
    cardHtml: renderCard(site, post),
    headHtml: renderHead(site, articleHead(site, post, { isProtected: input.isProtected })),
    articleHtml: input.isProtected ? renderLockedArticle(site, post) : renderArticle(site, post),
  };
}

const BATCH = 200;

/** Where a run of rerenderAllPosts stands after a batch: the last post id it rendered and how many so far. */
export interface RerenderAllStep {
  afterId: number;
  done: number;
}

/**
 * Renders every post's stored fragments again, for when something they all
 * show changes: the site's title, logo, language or time zone (which its
 * comments' dates are shown in, so those too). Posts go in id order, in
 * batches that are transactions of their own, so readers are never blocked
 * for long. `from` resumes after a checkpoint; `inBatch` is called inside each
 * batch's transaction with where the run will stand when it commits, so a job
 * can write its checkpoint with the batch (jobs/handlers/rerender-all.ts): a
 * batch and its checkpoint land together or not at all. `signal` stops the
 * run between batches.
 */
export async function rerenderAllPosts(
  context: { store: Store },
  options: { from?: RerenderAllStep; inBatch?: (tx: Store, step: RerenderAllStep) => Promise<void>; signal?: AbortSignal } = {},
): Promise<number> {
  const site = await loadFragmentSite(context.store);
  let { afterId, done } = options.from ?? { afterId: 0, done: 0 };
  for (;;) {
    options.signal?.throwIfAborted();
    const batch = await context.store.posts.listRenderInputs({ afterId, limit: BATCH });
    if (batch.length === 0) return done;
    const comments = await context.store.comments.listApproved(batch.map((post) => post.id));
    const step = { afterId: batch[batch.length - 1]!.id, done: done + batch.length };
    await context.store.transaction(async (tx) => {
      // First, so that a job's fenced checkpoint (which locks its row) refuses a run that lost its claim before anything is written.
      await options.inBatch?.(tx, step);
      for (const post of batch) await tx.posts.updateFragments(post.id, renderPostFragments(site, post));
      await tx.changes.record({ kind: 'post', ids: batch.map((post) => post.id), lists: [] });
      for (const postId of new Set(comments.map((comment) => comment.postId))) {
        await tx.comments.writeRendered(postId, renderComments(site, comments.filter((comment) => comment.postId === postId)));
      }
    });
    ({ afterId, done } = step);
  }
}
