import type { ImportedItem, ImportedType, ImportItemStore } from '../../content/store-import-items.js';
import type { SqlDialect } from '../dialect.js';
import type { ImportItemsTable } from '../schema.js';

function toItem(row: ImportItemsTable): ImportedItem {
  return {
    source: row.source,
    wpType: row.wp_type as ImportedType,
    wpId: row.wp_id,
    guid: row.guid,
    localId: row.local_id,
    digest: row.digest,
    importedAt: new Date(row.imported_at).toISOString(),
  };
}

export function importItemQueries({ db }: SqlDialect): ImportItemStore {
  return {
    async listForSource(source) {
      const rows = await db.selectFrom('import_items').selectAll().where('source', '=', source).execute();
      return rows.map(toItem);
    },

    async findByGuid(source, wpType, guid) {
      const rows = await db.selectFrom('import_items').selectAll().where('source', '=', source).where('wp_type', '=', wpType).where('guid', '=', guid).execute();
      return rows.map(toItem);
    },

    async find(source, wpType, wpId) {
      const row = await db
        .selectFrom('import_items')
        .selectAll()
        .where('source', '=', source)
        .where('wp_type', '=', wpType)
        .where('wp_id', '=', wpId)
        .executeTakeFirst();
      return row && toItem(row);
    },

    async put(item) {
      const values = {
        source: item.source,
        wp_type: item.wpType,
        wp_id: item.wpId,
        guid: item.guid,
        local_id: item.localId,
        digest: item.digest,
        imported_at: item.importedAt,
      };
      await db
        .insertInto('import_items')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['source', 'wp_type', 'wp_id']).doUpdateSet({ guid: item.guid, local_id: item.localId, digest: item.digest, imported_at: item.importedAt }),
        )
        .execute();
    },
  };
}
