import { sql, type Kysely } from 'kysely';

// Moving a WordPress site over: what posts carry that WordPress had (a
// password, the sticky flag, their approved comments rendered once), the
// comments themselves, the redirects table old links are answered from, and
// the map from WordPress IDs to ours that makes a second import an update.
// Mirrors postgres/0007. Immutable once landed.
const statements = [
  // A post readers must give a password to read; null for an open one.
  `ALTER TABLE posts ADD COLUMN password TEXT`,
  `ALTER TABLE posts ADD COLUMN is_sticky INTEGER NOT NULL DEFAULT 0 CHECK (is_sticky IN (0, 1))`,
  // The approved comments as the article page shows them, written when they change, so reading a page stays one row.
  `ALTER TABLE posts ADD COLUMN comments_html TEXT NOT NULL DEFAULT ''`,
  `CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES comments(id) ON DELETE SET NULL,
    kind TEXT NOT NULL DEFAULT 'comment' CHECK (kind IN ('comment', 'pingback', 'trackback')),
    status TEXT NOT NULL CHECK (status IN ('approved', 'pending', 'spam')),
    author_name TEXT NOT NULL,
    author_email TEXT,
    author_url TEXT,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL
  )`,
  // A post's approved comments in order, and the newest across the site (the REST API's default list).
  `CREATE INDEX IF NOT EXISTS comments_by_post ON comments (post_id, status, created_at, id)`,
  `CREATE INDEX IF NOT EXISTS comments_latest ON comments (status, created_at DESC, id DESC)`,
  // An old address and where it leads: a post (followed to its current slug) or a path.
  `CREATE TABLE IF NOT EXISTS redirects (
    id INTEGER PRIMARY KEY,
    from_path TEXT NOT NULL UNIQUE,
    to_path TEXT,
    post_id INTEGER REFERENCES posts(id) ON DELETE CASCADE,
    status_code INTEGER NOT NULL DEFAULT 301 CHECK (status_code IN (301, 302, 307, 308)),
    origin TEXT NOT NULL DEFAULT 'newsroom' CHECK (origin IN ('newsroom', 'import')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((to_path IS NULL) <> (post_id IS NULL))
  )`,
  `CREATE INDEX IF NOT EXISTS redirects_by_post ON redirects (post_id)`,
  // What an import made of each WordPress item, keyed by the site it came from and its ID there.
  `CREATE TABLE IF NOT EXISTS import_items (
    source TEXT NOT NULL,
    wp_type TEXT NOT NULL,
    wp_id TEXT NOT NULL,
    guid TEXT,
    local_id INTEGER NOT NULL,
    digest TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (source, wp_type, wp_id)
  )`,
  `CREATE INDEX IF NOT EXISTS import_items_by_guid ON import_items (source, guid)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
