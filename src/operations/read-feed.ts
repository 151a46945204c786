import type { FeedStory } from '../content/store-feeds.js';
import type { ListScope } from '../content/store.js';
import type { OperationContext } from './context.js';
import { findArchiveOwner, type ArchiveOwner } from './read-site.js';

/** How many stories a feed carries: enough for a reader polling every few minutes to miss none on a busy day. */
export const FEED_SIZE = 20;

export interface FeedRead {
  /** Whose archive the feed is, or null for the whole site's. */
  owner: ArchiveOwner | null;
  stories: FeedStory[];
}

/**
 * The newest stories of the site or of one archive, for its feeds: one query,
 * and one more to find the archive. Undefined when the archive does not exist.
 */
export async function readFeed(
  context: OperationContext,
  input: { archive?: { kind: ArchiveOwner['kind']; slug: string }; isFullText: boolean },
): Promise<FeedRead | undefined> {
  let owner: ArchiveOwner | null = null;
  if (input.archive) {
    owner = (await findArchiveOwner(context, input.archive.kind, input.archive.slug)) ?? null;
    if (!owner) return undefined;
  }
  const stories = await context.store.feeds.latest({
    scope: scopeOf(owner),
    now: context.clock.now().toISOString(),
    limit: FEED_SIZE,
    isFullText: input.isFullText,
  });
  return { owner, stories };
}

function scopeOf(owner: ArchiveOwner | null): ListScope {
  if (!owner) return { kind: 'all' };
  if (owner.kind === 'category') return { kind: 'category', id: owner.category.id };
  if (owner.kind === 'tag') return { kind: 'tag', id: owner.tag.id };
  return { kind: 'author', id: owner.user.id };
}
