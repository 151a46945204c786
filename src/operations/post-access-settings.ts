import type { Store } from '../content/store.js';
import type { PostAccess } from '../content/types.js';
import { rerenderPosts } from './editorial/rerender.js';
import { changeLists } from '../content/store-changes.js';

/**
 * Sets who may read a post and whether it is sticky. A post that gains a
 * password or loses it is rendered again (card, head, article), in the same
 * transaction, so from the next request it shows its form and nothing of its
 * story everywhere, or its story again; a new password for a post that had
 * one, or a sticky flag, changes nothing rendered. An empty password is no
 * password. For the WordPress importer (after it writes each post) and the
 * newsroom. Nothing happens to a post that is not there.
 */
export async function applyPostAccess(store: Store, postId: number, access: PostAccess): Promise<void> {
  const password = access.password === null || access.password === '' ? null : access.password;
  await store.transaction(async (tx) => {
    const current = await tx.posts.findById(postId);
    if (!current || (current.password === password && current.isSticky === access.isSticky)) return;
    await tx.posts.setAccess(postId, { password, isSticky: access.isSticky });
    // Sticky or not moves it on the front page only; a password changes what its card and page show (the post itself).
    await tx.changes.record({ kind: 'post', ids: [postId], lists: current.isSticky !== access.isSticky ? [changeLists.home] : [] });
    if ((current.password === null) !== (password === null)) await rerenderPosts(tx, [postId]);
  });
}
