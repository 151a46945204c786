import { sql, type Kysely } from 'kysely';

// A post change names the story lists it touched (content/store-changes.ts
// Change.lists), so the response cache drops the pages of those lists only.
// Null for changes that name none (any list may have changed). Mirrors
// sqlite/0012. Immutable once landed.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE change_events ADD COLUMN IF NOT EXISTS lists JSONB').execute(db);
}
