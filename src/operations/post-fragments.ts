import type { Store } from '../content/store.js';
import type { PageDetails, PostFragments, Teaser } from '../content/types.js';
import { renderArticle, renderLockedArticle } from '../render/article-html.js';
import { renderComments } from '../render/comments-html.js';
import { protectedView } from '../render/protected-post.js';
import { renderCard } from '../render/card-html.js';
import { articleHead, renderHead } from '../render/head-html.js';
import { createRenderSite, ORIGIN_MARK, type RenderSite } from '../render/render-site.js';
import { readSettings } from './read-settings.js';

/**
 * The site as stored fragments are rendered for: its current settings and
 * logo, with the origin left as a marker so that one stored page serves any
 * SITE_URL (the marker is replaced when the page is sent).
 */
export async function loadFragmentSite(store: Store): Promise<RenderSite> {
  const settings = await readSettings(store);
  const logo = settings.logoMediaId ? ((await store.media.findById(settings.logoMediaId)) ?? null) : null;
  return createRenderSite({ settings, logo, siteUrl: ORIGIN_MARK });
}

/** Drops the origin marker from anything a post supplies, so only the renderer's own URLs carry it. */
function withoutMarks<T>(value: T): T {
  const json = JSON.stringify(value);
  return json.includes(ORIGIN_MARK) ? (JSON.parse(json.replaceAll(ORIGIN_MARK, '\uFFFD')) as T) : value;
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
  const post = withoutMarks({ id: 0, ...shown.card, ...shown.page, bodyHtml: input.isProtected ? '' : input.bodyHtml });
  return {
    cardHtml: renderCard(site, post),
    headHtml: renderHead(site, articleHead(site, post, { isProtected: input.isProtected })),
    articleHtml: input.isProtected ? renderLockedArticle(site, post) : renderArticle(site, post),
  };
}

const BATCH = 200;

/**
 * Renders every post's stored fragments again, for when something they all
 * show changes: the site's title, logo, language or time zone (which its
 * comments' dates are shown in, so those too). Batches are separate
 * transactions, so readers are never blocked for long.
 */
export async function rerenderAllPosts(context: { store: Store }, onProgress?: (done: number) => void): Promise<number> {
  const site = await loadFragmentSite(context.store);
  let afterId = 0;
  let done = 0;
  for (;;) {
    const batch = await context.store.posts.listRenderInputs({ afterId, limit: BATCH });
    if (batch.length === 0) return done;
    const comments = await context.store.comments.listApproved(batch.map((post) => post.id));
    await context.store.transaction(async (tx) => {
      for (const post of batch) await tx.posts.updateFragments(post.id, renderPostFragments(site, post));
      for (const postId of new Set(comments.map((comment) => comment.postId))) {
        await tx.comments.writeRendered(postId, renderComments(site, comments.filter((comment) => comment.postId === postId)));
      }
    });
    afterId = batch[batch.length - 1]!.id;
    done += batch.length;
    onProgress?.(done);
  }
}
