import { sql } from 'kysely';
import type { TaxonomyStore, TermKind } from '../../content/store-taxonomy.js';
import { slugify } from '../../lib/slug.js';
import type { SqlDialect } from '../dialect.js';
import { toCategory, toTag } from '../rows.js';

function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function taxonomyQueries({ db }: SqlDialect): TaxonomyStore {
  return {
    async updateTag(id, tag) {
      const row = await db
        .updateTable('tags')
        .set({ slug: tag.slug, name: tag.name, kind: tag.kind, description: tag.description, image_media_id: tag.imageMediaId })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toTag(row);
    },

    async deleteTag(id) {
      await db.deleteFrom('term_redirects').where('kind', '=', 'tag').where('term_id', '=', id).execute();
      await db.deleteFrom('post_tags').where('tag_id', '=', id).execute();
      const result = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async moveTagLinks({ from, into }) {
      // A post that has both keeps `into` where it was; the others get `into` at `from`'s position.
      const dropped = await db
        .deleteFrom('post_tags')
        .where('tag_id', '=', from)
        .where('post_id', 'in', (eb) => eb.selectFrom('post_tags').select('post_id').where('tag_id', '=', into))
        .executeTakeFirst();
      const moved = await db.updateTable('post_tags').set({ tag_id: into }).where('tag_id', '=', from).executeTakeFirst();
      return Number(dropped.numDeletedRows) + Number(moved.numUpdatedRows);
    },

    async listTags(query) {
      let qb = db.selectFrom('tags as t');
      if (query.kind) qb = qb.where('t.kind', '=', query.kind);
      const text = query.text?.trim().toLowerCase();
      if (text) {
        // SQLite's lower() folds ASCII only; the slug, folded in JS, finds "beyonce" in "Beyoncé" on both engines.
        const slug = slugify(text);
        qb = qb.where((eb) =>
          eb.or([
            sql<boolean>`lower(t.name) LIKE ${containing(text)} ESCAPE '\\'`,
            ...(slug ? [sql<boolean>`t.slug LIKE ${containing(slug)} ESCAPE '\\'`] : []),
          ]),
        );
      }
      const [rows, count] = await Promise.all([
        qb
          .selectAll('t')
          .select((eb) =>
            // Trashed posts are left out, as the newsroom's list of posts leaves them out.
            eb
              .selectFrom('post_tags as pt')
              .innerJoin('posts as p', 'p.id', 'pt.post_id')
              .whereRef('pt.tag_id', '=', 't.id')
              .where('p.status', '!=', 'trashed')
              .select((sub) => sub.fn.countAll().as('n'))
              .as('post_count'),
          )
          .orderBy(sql`lower(t.name)`)
          .orderBy('t.id')
          .limit(query.limit)
          .offset(query.offset)
          .execute(),
        qb.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((row) => ({ ...toTag(row), postCount: Number(row.post_count) })), total: Number(count.n) };
    },

    async updateCategory(id, category) {
      const row = await db
        .updateTable('categories')
        .set({ slug: category.slug, name: category.name, description: category.description, parent_id: category.parentId })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toCategory(row);
    },

    async deleteCategory(id) {
      await db.deleteFrom('term_redirects').where('kind', '=', 'category').where('term_id', '=', id).execute();
      await db.updateTable('posts').set({ category_id: null }).where('category_id', '=', id).execute();
      await db.updateTable('categories').set({ parent_id: null }).where('parent_id', '=', id).execute();
      const result = await db.deleteFrom('categories').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listCategories() {
      const rows = await db
        .selectFrom('categories as c')
        .selectAll('c')
        .select((eb) =>
          eb
            .selectFrom('posts as p')
            .whereRef('p.category_id', '=', 'c.id')
            .where('p.status', '!=', 'trashed')
            .select((sub) => sub.fn.countAll().as('n'))
            .as('post_count'),
        )
        .orderBy(sql`lower(c.name)`)
        .orderBy('c.id')
        .execute();
      return rows.map((row) => ({ ...toCategory(row), postCount: Number(row.post_count) }));
    },

    async recordRedirect({ kind, slug, termId, createdAt }) {
      await db
        .insertInto('term_redirects')
        .values({ kind, slug, term_id: termId, created_at: createdAt })
        .onConflict((oc) => oc.columns(['kind', 'slug']).doUpdateSet({ term_id: termId, created_at: createdAt }))
        .execute();
    },

    async moveRedirects({ kind, from, into }) {
      await db.updateTable('term_redirects').set({ term_id: into }).where('kind', '=', kind).where('term_id', '=', from).execute();
    },

    async forgetRedirect({ kind, slug }) {
      await db.deleteFrom('term_redirects').where('kind', '=', kind).where('slug', '=', slug).execute();
    },

    async findRedirect({ kind, slug }: { kind: TermKind; slug: string }) {
      const redirect = db.selectFrom('term_redirects as r').where('r.kind', '=', kind).where('r.slug', '=', slug);
      const row = await (kind === 'tag'
        ? redirect.innerJoin('tags as term', 'term.id', 'r.term_id').select('term.slug').executeTakeFirst()
        : redirect.innerJoin('categories as term', 'term.id', 'r.term_id').select('term.slug').executeTakeFirst());
      return row?.slug;
    },
  };
}
