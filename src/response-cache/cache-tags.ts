import type { ChangeSignal } from '../change-bus/change-bus.js';
import { changeLists, type ChangeKind } from '../content/store-changes.js';
import type { ListScope } from '../content/store.js';

/**
 * What a cached answer shows, as short tags that also go to a CDN
 * (Surrogate-Key, Cache-Tag, xkey), so both forget the same answers on the
 * same change. A page's own tags come from its route; `site` is on every
 * answer (settings show on every page).
 */
export const cacheTags = {
  /** Every answer: the settings, the menu and the logo show on each. */
  site: 'site',
  /** A post's page, or its card anywhere. */
  post: (id: number) => `post-${id}`,
  /** A category's, tag's or author's own name, description and picture (its archive's heading). */
  category: (id: number) => `category-${id}`,
  tag: (id: number) => `tag-${id}`,
  author: (id: number) => `author-${id}`,
  media: (id: number) => `media-${id}`,
  /** "The newest stories of X" (content/store-changes.ts changeLists): `home`, `category:3` → list-home, list-category-3. */
  list: (list: string) => `list-${list.replace(':', '-')}`,
  /** Every page that lists stories, whatever the list: dropped by a post change that does not say which lists it moved. */
  lists: 'lists',
  /** Anything of a kind (the REST API's collections, sitemaps): dropped by any change of it. */
  kind: (kind: ChangeKind) => `kind-${kind}`,
} as const;

/** What a page listing the newest stories of a scope shows of it: the list, and the archive's own heading (not the whole site's). */
export function listTags(scope: ListScope): string[] {
  if (scope.kind === 'all') return [cacheTags.list(changeLists.home), cacheTags.lists];
  return [cacheTags[scope.kind](scope.id), cacheTags.list(changeLists[scope.kind](scope.id)), cacheTags.lists];
}

/** The tags a change makes stale; `site` for one after which nothing kept can be trusted. */
export function tagsForChange(signal: ChangeSignal): string[] {
  if (signal.kind === 'redirects' || signal.kind === 'jobs') return []; // Redirects answer addresses that have no page (never cached); jobs show nowhere.
  // No ids: any of its kind (an import): no answer kept is known to be current.
  if (signal.kind === 'settings' || signal.kind === 'resync' || !signal.ids) return [cacheTags.site];
  const kindTag = cacheTags.kind(signal.kind);
  switch (signal.kind) {
    case 'post':
      return [kindTag, ...signal.ids.map(cacheTags.post), ...(signal.lists ? signal.lists.map(cacheTags.list) : [cacheTags.lists])];
    case 'comments':
      return [kindTag, ...signal.ids.map(cacheTags.post)];
    case 'term':
      // Categories and tags are told apart by the change's kind only: an id may be either.
      return [kindTag, ...signal.ids.flatMap((id) => [cacheTags.category(id), cacheTags.tag(id)])];
    case 'author':
      return [kindTag, ...signal.ids.map(cacheTags.author)];
    case 'media':
      return [kindTag, ...signal.ids.map(cacheTags.media)];
  }
}
