import { sql, type Kysely } from 'kysely';

// The media library: who uploaded a picture, from which file, a label to find
// it by, and when its details last changed.
const statements = [
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS title TEXT`,
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS original_name TEXT`,
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS byte_size INTEGER`,
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS uploaded_by INTEGER REFERENCES users(id) ON DELETE SET NULL`,
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ`,
  // Alt text, caption, credit, agency, title and file name, lower-cased and
  // without accents by the store on every write, so that both engines match
  // the same pictures (SQLite's lower() and LIKE fold ASCII only).
  `ALTER TABLE media ADD COLUMN IF NOT EXISTS search_text TEXT NOT NULL DEFAULT ''`,
  // The library lists newest first, whole or filtered by uploader, type or missing alt text.
  `CREATE INDEX IF NOT EXISTS media_latest ON media (created_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS media_by_uploader ON media (uploaded_by, created_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS media_by_type ON media (mime_type, created_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS media_missing_alt ON media (created_at DESC, id DESC) WHERE alt = ''`,
  // Where a picture is used: post_media has its index; the featured picture needs one too.
  `CREATE INDEX IF NOT EXISTS posts_by_featured_media ON posts (featured_media_id)`,
  `UPDATE media SET updated_at = created_at WHERE updated_at IS NULL`,
];

/** The same folding as lib/fold-text.ts, copied so that this migration never changes. */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim();
}

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
  const rows = await sql<{ id: number; alt: string; caption: string | null; credit: string | null; agency: string | null }>`
    SELECT id, alt, caption, credit, agency FROM media WHERE search_text = ''`.execute(db);
  for (const row of rows.rows) {
    const text = fold([row.alt, row.caption, row.credit, row.agency].filter(Boolean).join(' '));
    if (text !== '') await sql`UPDATE media SET search_text = ${text} WHERE id = ${row.id}`.execute(db);
  }
}
