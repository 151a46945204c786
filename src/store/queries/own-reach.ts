import { sql, type ExpressionBuilder } from 'kysely';
import type { PostKind } from '../../content/types.js';
import type { Database } from '../schema.js';

/**
 * For staff who may not open others' unpublished posts: a post (`p`) is
 * listed when it is published, or names `ownerId` as an author and is of one
 * of `ownKinds` (any kind when absent).
 */
export function ownOrPublished(eb: ExpressionBuilder<Database & { p: Database['posts'] }, 'p'>, reach: { ownerId: number; ownKinds?: PostKind[] | undefined }) {
  const isOwn = eb.exists(eb.selectFrom('post_authors as o').select('o.post_id').whereRef('o.post_id', '=', 'p.id').where('o.user_id', '=', reach.ownerId));
  const { ownKinds } = reach;
  const own = ownKinds === undefined ? isOwn : ownKinds.length === 0 ? sql<boolean>`1 = 0` : eb.and([isOwn, eb('p.kind', 'in', ownKinds)]);
  return eb.or([eb('p.status', '=', 'published'), own]);
}
