import { sql, type Kysely } from 'kysely';

// The home page lists sticky articles first. Few posts are sticky, so a
// partial index holds only them: finding them is a seek into a handful of
// rows, not a walk through every public article. Its condition is written as
// queries write it (dialect.isSet). Mirrors postgres/0008. Immutable once landed.
const statements = [`CREATE INDEX IF NOT EXISTS posts_sticky ON posts (kind, status, published_at DESC, id DESC) WHERE is_sticky = 1`];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
