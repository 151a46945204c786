import { sql, type Kysely } from 'kysely';

// Old archive addresses of tags and categories: a merged tag's slug, or a
// term's slug before it was changed, so /tag/{old}/ can answer 301 to the
// term's page. One table for both kinds, hence no foreign key: the store
// deletes a term's rows with the term. Mirrors sqlite/0006. Immutable once
// landed; every statement is IF NOT EXISTS so a half-applied run can be repeated.
const statements = [
  `CREATE TABLE IF NOT EXISTS term_redirects (
    kind TEXT NOT NULL CHECK (kind IN ('tag', 'category')),
    slug TEXT NOT NULL,
    term_id INTEGER NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, slug)
  )`,
  // A merge or a deletion finds every old address of one term.
  `CREATE INDEX IF NOT EXISTS term_redirects_by_term ON term_redirects (kind, term_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
