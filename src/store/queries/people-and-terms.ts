import { sql } from 'kysely';
import type { Store } from '../../content/store.js';
import type { SqlDialect } from '../dialect.js';
import { toCategory, toTag, toUser } from '../rows.js';

export function userQueries({ db }: SqlDialect): Store['users'] {
  return {
    async insert(user) {
      const row = await db
        .insertInto('users')
        .values({
          slug: user.slug,
          name: user.name,
          email: user.email,
          bio: user.bio,
          avatar_media_id: user.avatarMediaId,
          role: user.role,
          created_at: user.createdAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('users').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toUser(row);
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('users').selectAll().where('id', 'in', ids).execute()).map(toUser);
    },
    async slugExists(slug) {
      return (await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
  };
}

/**
 * Categories with published articles, the one with the newest story first.
 * The newest story of each section is the first entry of its index range, so
 * this costs one index probe per section, not a count of every post.
 * Exposed for the home page's one statement (queries/site-pages.ts).
 */
export function inUseQuery({ db }: SqlDialect, limit: number) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('categories as c')
        .select(['c.id', 'c.slug', 'c.name', 'c.description', 'c.parent_id'])
        .select((sub) =>
          sub
            .selectFrom('posts as p')
            .select((f) => f.fn.max('p.published_at').as('latest'))
            .whereRef('p.category_id', '=', 'c.id')
            .where('p.kind', '=', 'article')
            .where('p.status', '=', 'published')
            .as('latest'),
        )
        .as('s'),
    )
    .selectAll('s')
    .where('s.latest', 'is not', null)
    .orderBy('s.latest', 'desc')
    .orderBy('s.name')
    .limit(sql.lit(limit));
}

export function categoryQueries(dialect: SqlDialect): Store['categories'] {
  const { db } = dialect;
  return {
    async insert(category) {
      const row = await db
        .insertInto('categories')
        .values({ slug: category.slug, name: category.name, description: category.description, parent_id: category.parentId })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCategory(row);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('categories').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toCategory(row);
    },
    async findById(id) {
      const row = await db.selectFrom('categories').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toCategory(row);
    },
    async slugExists(slug) {
      return (await db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
    async listInUse(limit) {
      const rows = await dialect.prepared.run(dialect, `sections-in-use:${limit}`, {}, () => inUseQuery(dialect, limit));
      return rows.map(toCategory);
    },
  };
}

export function tagQueries({ db }: SqlDialect): Store['tags'] {
  return {
    async insert(tag) {
      const row = await db
        .insertInto('tags')
        .values({ slug: tag.slug, name: tag.name, kind: tag.kind, description: tag.description, image_media_id: tag.imageMediaId })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toTag(row);
    },
    async findBySlug(slug) {
      const row = await db.selectFrom('tags').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row && toTag(row);
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('tags').selectAll().where('id', 'in', ids).execute()).map(toTag);
    },
    async slugExists(slug) {
      return (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
  };
}
