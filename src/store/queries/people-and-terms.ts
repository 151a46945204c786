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
    async existingIds(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('users').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
    },
    async slugExists(slug) {
      return (await db.selectFrom('users').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
    async count() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async listAuthors() {
      const rows = await db
        .selectFrom('users as u')
        .selectAll('u')
        .where((eb) => eb.exists(eb.selectFrom('post_authors as pa').select('pa.post_id').whereRef('pa.user_id', '=', 'u.id').where('pa.published_at', 'is not', null)))
        .orderBy('u.name')
        .execute();
      return rows.map(toUser);
    },
  };
}

export function categoryQueries({ db }: SqlDialect): Store['categories'] {
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
      const rows = await db
        .selectFrom('categories as c')
        .innerJoin('posts as p', 'p.category_id', 'c.id')
        .where('p.status', '=', 'published')
        .where('p.kind', '=', 'article')
        .groupBy(['c.id', 'c.slug', 'c.name', 'c.description', 'c.parent_id'])
        .select(['c.id', 'c.slug', 'c.name', 'c.description', 'c.parent_id'])
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('c.name')
        .limit(limit)
        .execute();
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
    async existingIds(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('tags').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
    },
    async slugExists(slug) {
      return (await db.selectFrom('tags').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
    },
    async listInUse(limit) {
      const rows = await db
        .selectFrom('tags as t')
        .innerJoin('post_tags as pt', 'pt.tag_id', 't.id')
        .where('pt.published_at', 'is not', null)
        .groupBy(['t.id', 't.slug', 't.name', 't.kind', 't.description', 't.image_media_id'])
        .select(['t.id', 't.slug', 't.name', 't.kind', 't.description', 't.image_media_id'])
        .orderBy((eb) => eb.fn.countAll(), 'desc')
        .orderBy('t.name')
        .limit(limit)
        .execute();
      return rows.map(toTag);
    },
  };
}
