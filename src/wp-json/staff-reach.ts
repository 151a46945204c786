import type { FastifyRequest } from 'fastify';
import { can, type Staff } from '../content/roles.js';
import type { WpReach } from '../content/store-wp-json.js';
import type { PostStatus } from '../content/types.js';
import { readCookie } from '../site/cookies.js';
import { list, type Query } from './params.js';
import type { WpRoutesOptions } from './routes.js';
import { WpError } from './wp-error.js';
import { onFirstUse } from '../on-first-use.js';

/** WordPress's statuses this API answers for, and ours behind each; `private` has no posts here. */
const STATUSES: Record<string, PostStatus[]> = {
  publish: ['published'],
  future: ['scheduled'],
  draft: ['draft'],
  pending: ['pending'],
  private: [],
  trash: ['trashed'],
  // WordPress's `any` leaves out the trash.
  any: ['published', 'scheduled', 'draft', 'pending'],
};

/** Ours as WordPress names them. */
export const WP_STATUS: Record<PostStatus, string> = { published: 'publish', scheduled: 'future', draft: 'draft', pending: 'pending', trashed: 'trash' };

/** The newsroom's session cookie (admin-api/session-cookie.ts): read here without loading the newsroom. */
const SESSION_COOKIE = 'masthead_session';

/** The signed-in member of staff a request's newsroom session cookie opens, if any. */
async function staffOf(request: FastifyRequest, options: WpRoutesOptions): Promise<Staff | undefined> {
  const token = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (!token) return undefined;
  // Loaded when a request first asks for more than public posts: readers' requests never load the accounts code.
  const { findSession } = await onFirstUse.sessions();
  let value: string;
  try {
    value = decodeURIComponent(token);
  } catch {
    return undefined; // not percent-encoding: no token we issued
  }
  const session = await findSession({ store: options.store, clock: options.clock }, value);
  return session?.staff;
}

/** WordPress's answer to a status its asker may not see: rest_forbidden_status, inside rest_invalid_param. */
function forbiddenStatus(isSignedIn: boolean): WpError {
  const message = 'Status is forbidden.';
  return new WpError('rest_invalid_param', 'Invalid parameter(s): status', 400, {
    params: { status: message },
    details: { status: { code: 'rest_forbidden_status', message, data: { status: isSignedIn ? 403 : 401 } } },
  });
}

function notAStatus(index: number): WpError {
  const message = `status[${index}] is not one of ${Object.keys(STATUSES).join(', ')}.`;
  return new WpError('rest_invalid_param', 'Invalid parameter(s): status', 400, {
    params: { status: message },
    details: { status: { code: 'rest_not_in_enum', message, data: null } },
  });
}

/**
 * `status` on posts and pages. Without it, or with `publish` alone, anyone
 * reads public posts and no session is looked up. Anything else takes a
 * signed-in member of the newsroom (a contributor or above, who in WordPress
 * can edit posts); contributors and authors get only their own posts beyond
 * the public ones, as the newsroom lets them see. Undefined for public posts
 * only; `isPrivate` when the answer depends on who asked.
 */
export async function statusReach(request: FastifyRequest, query: Query, options: WpRoutesOptions): Promise<WpReach | undefined> {
  const requested = list(query, 'status');
  if (!requested || requested.every((status) => status === 'publish')) return undefined;
  const staff = await staffOf(request, options);
  // As WordPress does, an unknown value is refused as forbidden to a reader, and named to staff.
  if (!staff) throw forbiddenStatus(false);
  const statuses = new Set<PostStatus>();
  requested.forEach((status, index) => {
    // An own property only: "constructor" is on every object and is no status.
    const ours = Object.hasOwn(STATUSES, status) ? STATUSES[status] : undefined;
    if (!ours) throw notAStatus(index);
    ours.forEach((s) => statuses.add(s));
  });
  return { statuses: [...statuses], ...(can(staff.role, 'posts.edit-others') ? {} : { ownerId: staff.id }) };
}

/** A single post by id: the public one, or with a session, one its staff member may read in the newsroom. */
export async function singleReach(request: FastifyRequest, options: WpRoutesOptions): Promise<WpReach | undefined> {
  const staff = await staffOf(request, options);
  if (!staff) return undefined;
  return { statuses: ['published', 'scheduled', 'draft', 'pending', 'trashed'], ...(can(staff.role, 'posts.edit-others') ? {} : { ownerId: staff.id }) };
}
