import type { Store } from '../../content/store.js';
import { renderComments } from '../../render/comments-html.js';
import type { RenderSite } from '../../render/render-site.js';
import { loadFragmentSite } from '../post-fragments.js';

/**
 * Renders a post's approved comments again and stores them with the post
 * (posts.comments_html), which its page shows after the story. For whoever
 * changes a post's comments: the WordPress importer calls it once per post
 * after writing them. Two queries and a write; `site` (the importer has one)
 * saves reading the settings again.
 */
export async function refreshPostComments(store: Store, postId: number, options: { site?: RenderSite } = {}): Promise<void> {
  const [site, comments] = await Promise.all([options.site ?? loadFragmentSite(store), store.comments.listApproved([postId])]);
  await store.comments.writeRendered(postId, renderComments(site, comments));
  await store.changes.record({ kind: 'comments', ids: [postId] });
}
