import { sql, type Kysely } from 'kysely';

// Immutable once landed: later changes go in a new numbered file. Every
// statement is IF NOT EXISTS so a half-applied run can be repeated.
const statements = [
  `CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS media (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    width INTEGER NOT NULL CHECK (width > 0),
    height INTEGER NOT NULL CHECK (height > 0),
    alt TEXT NOT NULL DEFAULT '',
    caption TEXT, credit TEXT, agency TEXT, licence TEXT,
    variant_widths TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    email TEXT UNIQUE,
    bio TEXT,
    avatar_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    role TEXT NOT NULL DEFAULT 'author',
    created_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    description TEXT,
    parent_id INTEGER REFERENCES categories(id) ON DELETE SET NULL
  )`,
  `CREATE TABLE IF NOT EXISTS tags (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'topic' CHECK (kind IN ('topic', 'person', 'organization')),
    description TEXT,
    image_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL
  )`,
  // Small, often-read columns first and the large ones last: SQLite reads a
  // row up to the last column a query needs, so a teaser (which stops at
  // card) never touches the overflow pages that hold the body.
  `CREATE TABLE IF NOT EXISTS posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('article', 'page')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'pending', 'scheduled', 'published', 'trashed')),
    slug TEXT NOT NULL UNIQUE,
    published_at TEXT,
    updated_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 1,
    featured_media_id INTEGER REFERENCES media(id) ON DELETE SET NULL,
    category_id INTEGER REFERENCES categories(id) ON DELETE SET NULL,
    is_noindex INTEGER NOT NULL DEFAULT 0,
    title TEXT NOT NULL,
    excerpt TEXT NOT NULL DEFAULT '',
    seo_title TEXT, seo_description TEXT, canonical_url TEXT,
    card TEXT NOT NULL,
    card_html TEXT NOT NULL,
    page TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '[]',
    head_html TEXT NOT NULL,
    article_html TEXT NOT NULL,
    body_html TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body TEXT NOT NULL
  )`,
  // Home page and archives: newest public articles first, read in index order.
  `CREATE INDEX IF NOT EXISTS posts_public_latest ON posts (kind, status, published_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS posts_category_latest ON posts (category_id, kind, status, published_at DESC, id DESC)`,
  `CREATE TABLE IF NOT EXISTS post_tags (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    published_at TEXT,
    PRIMARY KEY (post_id, tag_id)
  )`,
  `CREATE INDEX IF NOT EXISTS post_tags_latest ON post_tags (tag_id, published_at DESC, post_id DESC)`,
  `CREATE TABLE IF NOT EXISTS post_authors (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    position INTEGER NOT NULL,
    published_at TEXT,
    PRIMARY KEY (post_id, user_id)
  )`,
  `CREATE INDEX IF NOT EXISTS post_authors_latest ON post_authors (user_id, published_at DESC, post_id DESC)`,
  `CREATE TABLE IF NOT EXISTS post_media (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, media_id)
  )`,
  `CREATE INDEX IF NOT EXISTS post_media_by_media ON post_media (media_id)`,
  // Full-text search over the post's own columns; the triggers keep it in step.
  `CREATE VIRTUAL TABLE IF NOT EXISTS posts_fts USING fts5(
    title, excerpt, body_text, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
  )`,
  `CREATE TRIGGER IF NOT EXISTS posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, title, excerpt, body_text) VALUES (new.id, new.title, new.excerpt, new.body_text);
  END`,
  `CREATE TRIGGER IF NOT EXISTS posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, excerpt, body_text) VALUES ('delete', old.id, old.title, old.excerpt, old.body_text);
  END`,
  `CREATE TRIGGER IF NOT EXISTS posts_fts_update AFTER UPDATE OF title, excerpt, body_text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, title, excerpt, body_text) VALUES ('delete', old.id, old.title, old.excerpt, old.body_text);
    INSERT INTO posts_fts (rowid, title, excerpt, body_text) VALUES (new.id, new.title, new.excerpt, new.body_text);
  END`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
