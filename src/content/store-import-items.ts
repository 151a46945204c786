/**
 * The map from a WordPress site's items to what an import made of them.
 * Keyed by the source site and the item's type and ID there; the digest of
 * the item as exported tells a re-import whether anything changed.
 * Implemented in store/queries/import-items.ts.
 */

export type ImportedType = 'author' | 'category' | 'tag' | 'term' | 'attachment' | 'post' | 'page' | 'comment';

export interface ImportedItem {
  source: string;
  wpType: ImportedType;
  wpId: string;
  guid: string | null;
  localId: number;
  digest: string;
  importedAt: string;
}

export interface ImportItemStore {
  /** Every item imported from one source, to look up by WordPress ID while importing. */
  listForSource(source: string): Promise<ImportedItem[]>;
  /** An item of one type by its GUID, for an export whose IDs changed; GUIDs are not unique, so the caller checks what it gets. */
  findByGuid(source: string, wpType: ImportedType, guid: string): Promise<ImportedItem[]>;
  put(item: ImportedItem): Promise<void>;
  /** Which local item an old `?p=` style ID leads to, for the public site's old links. */
  find(source: string, wpType: ImportedType, wpId: string): Promise<ImportedItem | undefined>;
}
