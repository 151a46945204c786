import type { Store } from '../content/store.js';
import type { PostAccess } from '../content/types.js';
import { rerenderPosts } from './editorial/rerender.js';

/**
 * Sets who may read a post and whether it is sticky, and renders its stored
 * card, head and article again, so a post given a password shows its form
 * (and nothing of its story) everywhere from the next request, and one that
 * loses it shows its story again. An empty password is no password. For the
 * WordPress importer (after it writes each post) and for the newsroom. One
 * transaction: the post never shows half of the change.
 */
export async function applyPostAccess(store: Store, postId: number, access: PostAccess): Promise<void> {
  const password = access.password === null || access.password === '' ? null : access.password;
  await store.transaction(async (tx) => {
    await tx.posts.setAccess(postId, { password, isSticky: access.isSticky });
    await rerenderPosts(tx, [postId]);
  });
}
