import type { Store } from '../../content/store.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson, toMedia } from '../rows.js';
import { mediaSearchText } from './media-library.js';

export function mediaQueries({ db }: SqlDialect): Store['media'] {
  return {
    async insert(media) {
      const row = await db
        .insertInto('media')
        .values({
          path: media.path,
          mime_type: media.mimeType,
          width: media.width,
          height: media.height,
          alt: media.alt,
          caption: media.caption,
          credit: media.credit,
          agency: media.agency,
          licence: media.licence,
          variant_widths: JSON.stringify(media.variantWidths),
          crops: JSON.stringify(media.crops),
          created_at: media.createdAt,
          title: media.title ?? null,
          original_name: media.originalName ?? null,
          byte_size: media.byteSize ?? null,
          uploaded_by: media.uploadedBy ?? null,
          updated_at: media.updatedAt ?? media.createdAt,
          search_text: mediaSearchText(media),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toMedia(row);
    },
    async findById(id) {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toMedia(row);
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      return (await db.selectFrom('media').selectAll().where('id', 'in', ids).execute()).map(toMedia);
    },
  };
}

export function settingsQueries({ db }: SqlDialect): Store['settings'] {
  return {
    async get() {
      const rows = await db.selectFrom('settings').selectAll().execute();
      return Object.fromEntries(rows.map((row) => [row.key, fromJson(row.value)]));
    },
    async put(values) {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) continue;
        await db
          .insertInto('settings')
          .values({ key, value: JSON.stringify(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
          .execute();
      }
    },
  };
}
