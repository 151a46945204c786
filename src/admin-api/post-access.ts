import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { can, type Staff } from '../content/roles.js';
import type { Post } from '../content/types.js';
import type { OperationContext } from '../operations/context.js';
import { staffOf } from './guard.js';

/**
 * Who may do what to a post, WordPress's way: anyone writing may edit their
 * own drafts; publishing one's own takes an author; touching other people's
 * posts takes an editor. A contributor's post, once published, is the
 * editors' to change. Pages are the editors' too, whoever they name.
 */
export function isOwn(staff: Staff, post: Post): boolean {
  return post.authorIds.includes(staff.id);
}

export function canEdit(staff: Staff, post: Post): boolean {
  if (post.kind === 'page' && !can(staff.role, 'pages.write')) return false;
  if (can(staff.role, 'posts.edit-others')) return true;
  if (!isOwn(staff, post)) return false;
  const isPublic = post.status === 'published' || post.status === 'scheduled';
  return !isPublic || can(staff.role, 'posts.publish-own');
}

export function canPublish(staff: Staff, post: Post): boolean {
  if (post.kind === 'page' && !can(staff.role, 'pages.write')) return false;
  return can(staff.role, 'posts.edit-others') || (isOwn(staff, post) && can(staff.role, 'posts.publish-own'));
}

/** The post and the signed-in person, once `allowed` says yes; 404 for a post that is not there, 403 naming the rule otherwise. */
export async function postFor(
  context: OperationContext,
  request: FastifyRequest,
  id: number,
  allowed: (staff: Staff, post: Post) => boolean,
  refusal: string,
): Promise<{ staff: Staff; post: Post }> {
  const staff = staffOf(request);
  const post = await context.store.posts.findById(id);
  if (!post || post.status === 'trashed') throw new AppError('NOT_FOUND', `No post has id ${id}`);
  if (!allowed(staff, post)) throw new AppError('FORBIDDEN', `Your role (${staff.role}) cannot ${refusal}`);
  return { staff, post };
}

/** A page is the site's own address (/about/): making one, or turning an article into one, takes an editor. */
export function checkKind(staff: Staff, kind: unknown): void {
  if (kind !== 'page' || can(staff.role, 'pages.write')) return;
  throw new AppError('FORBIDDEN', `Your role (${staff.role}) cannot write pages`, { issues: [{ path: '/kind', message: 'pages are written by editors and administrators' }] });
}

/** Without the right to edit others' posts, a writer cannot take themselves off their own post or put others' names on it. */
export function checkAuthors(staff: Staff, authorIds: number[] | undefined): void {
  if (authorIds === undefined || can(staff.role, 'posts.edit-others')) return;
  if (!authorIds.includes(staff.id)) {
    throw new AppError('FORBIDDEN', `Your role (${staff.role}) cannot write a post under someone else's name`, {
      issues: [{ path: '/authorIds', message: 'must include you' }],
    });
  }
}
