import { can, isRole } from '../../content/roles.js';
import { POST_KINDS, type PostKind } from '../../content/types.js';
import type { Actor } from './context.js';

/**
 * Which unpublished posts a list may name to `actor`: everyone's for editors;
 * otherwise only their own (`ownerId`), and among those only the kinds they
 * may open (`ownKinds`: pages are the editors'). Published posts are listed to
 * all staff. The same rule as admin-api/post-access.ts's, for lists, where it
 * becomes part of the query so that counts, filters and search agree.
 */
export interface OwnReach {
  ownerId?: number;
  ownKinds?: PostKind[];
}

export function ownReach(actor: Actor): OwnReach {
  const role = isRole(actor.role) ? actor.role : undefined;
  if (role && can(role, 'posts.edit-others')) return {};
  const isPageWriter = role !== undefined && can(role, 'pages.write');
  return { ownerId: actor.id, ownKinds: POST_KINDS.filter((kind) => kind !== 'page' || isPageWriter) };
}
