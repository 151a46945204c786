import { sql, type Kysely } from 'kysely';

// Sharing crops (16:9, 4:3, 1:1) are made at upload from now on; images stored
// before have none, and renderers fall back to their largest rendition.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`ALTER TABLE media ADD COLUMN IF NOT EXISTS crops JSONB NOT NULL DEFAULT '[]'`).execute(db);
}
