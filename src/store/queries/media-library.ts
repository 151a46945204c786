import { sql, type Kysely } from 'kysely';
import type { MediaLibraryQuery, MediaLibraryStore, MediaUse } from '../../content/store-media-library.js';
import type { NewMedia } from '../../content/store.js';
import type { PostKind } from '../../content/types.js';
import { foldText } from '../../lib/fold-text.js';
import type { SqlDialect } from '../dialect.js';
import type { Database } from '../schema.js';
import { toMedia } from '../rows.js';
import { ownOrPublished } from './own-reach.js';

/** More words than this in one search are ignored: each is a scan of the column. */
const MAX_WORDS = 10;

/** What the library's text search reads: the fields an editor looks a picture up by, folded once here on every write. */
export function mediaSearchText(media: Pick<NewMedia, 'alt' | 'caption' | 'credit' | 'agency' | 'title' | 'originalName'>): string {
  return foldText([media.alt, media.caption, media.credit, media.agency, media.title, media.originalName].filter(Boolean).join(' '));
}

/** A LIKE pattern that finds the word anywhere, with the reader's % and _ taken literally. */
function containing(word: string) {
  return sql<boolean>`search_text LIKE ${`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`;
}

/** The library's filters, without order or paging; exposed so tests can read the plans. */
export function libraryFilter(db: Kysely<Database>, query: Omit<MediaLibraryQuery, 'limit' | 'offset'>) {
  let qb = db.selectFrom('media');
  const words = query.text ? foldText(query.text).split(' ').filter(Boolean).slice(0, MAX_WORDS) : [];
  for (const word of words) qb = qb.where(containing(word));
  if (query.mimeType !== undefined) qb = qb.where('mime_type', '=', query.mimeType);
  if (query.uploadedBy !== undefined) qb = qb.where('uploaded_by', '=', query.uploadedBy);
  // A literal, not a parameter, so both engines can prove the partial index applies.
  if (query.isMissingAlt !== undefined) qb = qb.where('alt', query.isMissingAlt ? '=' : '<>', sql.lit(''));
  return qb;
}

export function libraryPageQuery(db: Kysely<Database>, query: MediaLibraryQuery) {
  return libraryFilter(db, query).selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).offset(query.offset);
}

/**
 * Posts showing a picture: those linking it (body or featured) and, in case a
 * writer kept only the column, those featuring it. A union of two index
 * lookups rather than an OR, which neither engine can answer from indexes.
 */
export function usageQuery(db: Kysely<Database>, id: number, reach: { ownerId?: number; ownKinds?: PostKind[] } = {}) {
  const showing = db
    .selectFrom('post_media as pm')
    .select('pm.post_id as id')
    .where('pm.media_id', '=', id)
    .union(db.selectFrom('posts as f').select('f.id').where('f.featured_media_id', '=', id));
  let qb = db.selectFrom('posts as p').select(['p.id', 'p.title', 'p.slug', 'p.status']).where('p.id', 'in', showing);
  if (reach.ownerId !== undefined) qb = qb.where((eb) => ownOrPublished(eb, { ownerId: reach.ownerId!, ownKinds: reach.ownKinds }));
  return qb.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc');
}

/** No variants yet: `[]` as JSON text on SQLite and as jsonb on PostgreSQL, which both cast to the same text. */
const withoutSizes = sql<boolean>`CAST(variant_widths AS TEXT) = '[]'`;

export function mediaLibraryQueries({ db }: SqlDialect): MediaLibraryStore {
  /** Both statements of a change in one transaction, whether or not the caller opened one. */
  function atomically<T>(fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return db.isTransaction ? fn(db) : db.transaction().execute(fn);
  }

  return {
    async search(query) {
      const [rows, count] = await Promise.all([
        libraryPageQuery(db, query).execute(),
        libraryFilter(db, query)
          .select((eb) => eb.fn.countAll<number>().as('total'))
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toMedia), total: Number(count.total) };
    },

    async updateDetails(id, change) {
      const { updatedAt, ...fields } = change;
      return atomically(async (trx) => {
        // The update locks the row (PostgreSQL) and returns it as it now is,
        // so the search text below is folded from what another writer just
        // committed too, not from a read taken before it.
        const row = await trx
          .updateTable('media')
          .set({ ...fields, updated_at: updatedAt })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        const media = toMedia(row);
        const searchText = mediaSearchText(media);
        if (searchText === row.search_text) return media;
        await trx.updateTable('media').set({ search_text: searchText }).where('id', '=', id).execute();
        return media;
      });
    },

    async listWithoutSizes(limit) {
      const rows = await db.selectFrom('media').selectAll().where(withoutSizes).orderBy('id').limit(limit).execute();
      return rows.map(toMedia);
    },

    async countWithoutSizes() {
      const row = await db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).where(withoutSizes).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async setSizes(id, sizes) {
      const result = await db
        .updateTable('media')
        .set({ variant_widths: JSON.stringify(sizes.variantWidths), crops: JSON.stringify(sizes.crops) })
        .where('id', '=', id)
        .where(withoutSizes)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async usage(id, reach) {
      const rows = await usageQuery(db, id, reach).execute();
      return rows.map((row): MediaUse => ({ id: row.id, title: row.title, slug: row.slug, status: row.status as MediaUse['status'] }));
    },
  };
}
