import { sql } from 'kysely';
import type { Redirect, RedirectOrigin, RedirectStatus, RedirectStore, RedirectTarget } from '../../content/store-redirects.js';
import type { SqlDialect } from '../dialect.js';
import type { RedirectsTable } from '../schema.js';

type RedirectRow = Omit<RedirectsTable, 'id'> & { id: number };

function toRedirect(row: RedirectRow): Redirect {
  return {
    id: row.id,
    fromPath: row.from_path,
    target: row.post_id !== null ? { postId: row.post_id } : { path: row.to_path ?? '' },
    statusCode: Number(row.status_code) as RedirectStatus,
    origin: row.origin as RedirectOrigin,
    // PostgreSQL hands timestamps back in its own text form; the API speaks ISO-8601.
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function targetColumns(target: RedirectTarget): { post_id: number | null; to_path: string | null } {
  return 'postId' in target ? { post_id: target.postId, to_path: null } : { post_id: null, to_path: target.path };
}

function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** What was typed, and the same as a stored address spells it (`λ` is `%CE%BB` in from_path). */
function searchForms(text: string): string[] {
  const lower = text.toLowerCase();
  let encoded = lower;
  try {
    encoded = encodeURI(text).toLowerCase();
  } catch {
    // A lone surrogate has no encoding; the typed form is searched alone.
  }
  return [...new Set([lower, encoded])];
}

export function redirectQueries({ db }: SqlDialect): RedirectStore {
  const publicPost = (now: string) => sql<boolean>`p.status = 'published' AND p.published_at <= ${now}`;

  return {
    async putImported({ fromPath, target, at }) {
      const values = targetColumns(target);
      const existing = await db.selectFrom('redirects').select(['id', 'origin', 'post_id', 'to_path']).where('from_path', '=', fromPath).executeTakeFirst();
      if (!existing) {
        await db
          .insertInto('redirects')
          .values({ from_path: fromPath, ...values, status_code: 301, origin: 'import', created_at: at, updated_at: at })
          .execute();
        return 'created';
      }
      if (existing.origin !== 'import') return 'kept';
      if (existing.post_id === values.post_id && existing.to_path === values.to_path) return 'unchanged';
      await db.updateTable('redirects').set({ ...values, updated_at: at }).where('id', '=', existing.id).execute();
      return 'updated';
    },

    async list(query) {
      let qb = db.selectFrom('redirects as r').leftJoin('posts as p', 'p.id', 'r.post_id');
      if (query.origin) qb = qb.where('r.origin', '=', query.origin);
      const text = query.text?.trim();
      if (text) {
        const patterns = searchForms(text).map(containing);
        qb = qb.where((eb) =>
          eb.or(
            patterns.flatMap((pattern) => [
              sql<boolean>`lower(r.from_path) LIKE ${pattern} ESCAPE '\\'`,
              sql<boolean>`lower(r.to_path) LIKE ${pattern} ESCAPE '\\'`,
              sql<boolean>`lower(p.title) LIKE ${pattern} ESCAPE '\\'`,
              sql<boolean>`p.slug LIKE ${pattern} ESCAPE '\\'`,
            ]),
          ),
        );
      }
      const [rows, count] = await Promise.all([
        qb
          .selectAll('r')
          .select(['p.title as post_title', 'p.slug as post_slug', 'p.status as post_status'])
          .orderBy('r.created_at', 'desc')
          .orderBy('r.id', 'desc')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        qb.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          ...toRedirect(row),
          post: row.post_id !== null && row.post_slug !== null ? { id: row.post_id, title: row.post_title ?? '', slug: row.post_slug, status: row.post_status ?? '' } : null,
        })),
        total: Number(count.n),
      };
    },

    async findById(id) {
      const row = await db.selectFrom('redirects').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toRedirect(row);
    },

    async findByFromPath(fromPath) {
      const row = await db.selectFrom('redirects').selectAll().where('from_path', '=', fromPath).executeTakeFirst();
      return row && toRedirect(row);
    },

    async insert({ fromPath, target, statusCode, at }) {
      const row = await db
        .insertInto('redirects')
        .values({ from_path: fromPath, ...targetColumns(target), status_code: statusCode, origin: 'newsroom', created_at: at, updated_at: at })
        .onConflict((oc) => oc.column('from_path').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row && toRedirect(row);
    },

    async update(id, { fromPath, target, statusCode, at }) {
      const row = await db
        .updateTable('redirects')
        .set({ from_path: fromPath, ...targetColumns(target), status_code: statusCode, origin: 'newsroom', updated_at: at })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toRedirect(row);
    },

    async delete(id) {
      const result = await db.deleteFrom('redirects').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async findDestination({ fromPath, now }) {
      const row = await db
        .selectFrom('redirects as r')
        .leftJoin('posts as p', (join) => join.onRef('p.id', '=', 'r.post_id').on(publicPost(now)))
        .select(['r.status_code', 'r.to_path', 'p.slug'])
        .where('r.from_path', '=', fromPath)
        .executeTakeFirst();
      if (!row) return undefined;
      const statusCode = Number(row.status_code) as RedirectStatus;
      return row.to_path !== null ? { statusCode, path: row.to_path } : { statusCode, postSlug: row.slug };
    },

    async findPublicPostSlug({ slug, now }) {
      const current = await db.selectFrom('posts as p').select('p.slug').where('p.slug', '=', slug).where(publicPost(now)).executeTakeFirst();
      if (current) return current.slug;
      const moved = await db
        .selectFrom('post_slug_history as h')
        .innerJoin('posts as p', 'p.id', 'h.post_id')
        .select('p.slug')
        .where('h.slug', '=', slug)
        .where(publicPost(now))
        .orderBy('h.changed_at', 'desc')
        .limit(1)
        .executeTakeFirst();
      return moved?.slug;
    },
  };
}
