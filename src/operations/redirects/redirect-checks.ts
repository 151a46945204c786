import { isReservedPath, locationPath, oldPathKey } from '../../content/old-paths.js';
import type { Store } from '../../content/store.js';
import type { RedirectTarget } from '../../content/store-redirects.js';
import { AppError, validationFailed } from '../../lib/errors.js';

/** How far a chain of redirects is followed to find out whether it comes back. */
const MAX_HOPS = 20;

/** The old address as it will be stored and looked up, or the reason it cannot be one. */
export function fromPathKey(text: string): string {
  const key = oldPathKey(text);
  const refuse = (message: string) => validationFailed([{ path: '/fromPath', message }]);
  if (key === undefined) throw refuse('must be a path on this site starting with / (such as /2019/05/old-story/), or a full http(s) address of the old site');
  if (isReservedPath(key)) throw refuse('must not be under /admin, /api, /wp-json or /media: those addresses belong to the newsroom, its APIs and the media files');
  if (key === '/') throw refuse('cannot be the home page itself; give the old address that should lead somewhere');
  return key;
}

/** A path on this site, or an absolute http(s) URL, in the form a Location header carries. */
export function toPathTarget(text: string): string {
  const trimmed = text.trim();
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      const url = new URL(trimmed);
      if (url.hostname) return url.href;
    } catch {
      // Falls through to the refusal below.
    }
  } else {
    const path = locationPath(trimmed);
    if (path !== undefined) return path;
  }
  throw validationFailed([{ path: '/toPath', message: 'must be a path on this site starting with / (not //), or a full http(s) address' }]);
}

export async function requirePost(store: Store, postId: number): Promise<void> {
  if (!(await store.posts.findById(postId))) throw validationFailed([{ path: '/postId', message: `no post has id ${postId}` }]);
}

/** Refuses an old address another redirect has already (409): two rows could not both answer it. */
export async function requireFreeAddress(store: Store, input: { fromPath: string; id?: number }): Promise<void> {
  const existing = await store.redirects.findByFromPath(input.fromPath);
  if (existing && existing.id !== input.id) throw addressTaken(input.fromPath, existing.id);
}

export function addressTaken(fromPath: string, redirectId?: number): AppError {
  return new AppError('CONFLICT', `${fromPath} already has a redirect; edit that one instead`, {
    issues: [{ path: '/fromPath', message: 'already has a redirect' }],
    ...(redirectId === undefined ? {} : { details: { redirectId } }),
  });
}

/**
 * Refuses a redirect that would bring a reader back where they started: to
 * its own address, or along other redirects of the table back to it.
 */
export async function refuseLoop(store: Store, input: { fromPath: string; target: RedirectTarget }): Promise<void> {
  if (!('path' in input.target) || !input.target.path.startsWith('/')) return;
  const chain = [input.fromPath];
  let next = oldPathKey(input.target.path);
  while (next !== undefined && chain.length <= MAX_HOPS) {
    if (next === input.fromPath) {
      const message = chain.length === 1 ? `leads back to ${input.fromPath} itself` : `would make a loop: ${[...chain, next].join(' → ')}`;
      throw validationFailed([{ path: '/toPath', message }]);
    }
    chain.push(next);
    const row = await store.redirects.findByFromPath(next);
    next = row && 'path' in row.target && row.target.path.startsWith('/') ? oldPathKey(row.target.path) : undefined;
  }
}
