import { sql, type Kysely } from 'kysely';

// The newsroom: revisions, autosaves, old slugs, preview links, and the
// indexes its post list and the scheduler read. Mirrors postgres/0004.
// Immutable once landed; every statement can run twice (IF NOT EXISTS, or
// skipping rows already there) so a half-applied run can be repeated.
const statements = [
  // A row per save; the snapshot is JSON, title and status are copied out so
  // the list of revisions does not read every body.
  `CREATE TABLE IF NOT EXISTS post_revisions (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    revision INTEGER NOT NULL,
    action TEXT NOT NULL,
    user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    note TEXT,
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    PRIMARY KEY (post_id, revision)
  )`,
  `CREATE TABLE IF NOT EXISTS post_autosaves (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    base_revision INTEGER NOT NULL,
    saved_at TEXT NOT NULL,
    changes TEXT NOT NULL,
    PRIMARY KEY (post_id, user_id)
  )`,
  // Keyed by slug first: the lookup that matters is "which post had this slug".
  `CREATE TABLE IF NOT EXISTS post_slug_history (
    slug TEXT NOT NULL,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (slug, post_id)
  )`,
  `CREATE INDEX IF NOT EXISTS post_slug_history_by_post ON post_slug_history (post_id)`,
  `CREATE TABLE IF NOT EXISTS preview_tokens (
    token_hash TEXT PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  )`,
  `CREATE INDEX IF NOT EXISTS preview_tokens_by_post ON preview_tokens (post_id)`,
  // The newsroom's list: newest updated first, of one status or of all. The
  // status one also answers the scheduler's question each minute (which
  // scheduled posts are due) by reading the few scheduled posts only.
  `CREATE INDEX IF NOT EXISTS posts_newsroom_latest ON posts (updated_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS posts_newsroom_status ON posts (status, updated_at DESC, id DESC)`,
  // Posts stored before revisions were kept start their history here, as
  // they are now, so every post has a revision to compare and restore.
  `INSERT OR IGNORE INTO post_revisions (post_id, revision, action, user_id, note, title, status, created_at, snapshot)
    SELECT p.id, p.revision, 'create', NULL, NULL, p.title, p.status, p.updated_at, json_object(
      'kind', p.kind, 'status', p.status, 'slug', p.slug, 'title', p.title, 'excerpt', p.excerpt, 'body', json(p.body),
      'featuredMediaId', p.featured_media_id, 'categoryId', p.category_id,
      'authorIds', json((SELECT json_group_array(user_id) FROM (SELECT user_id FROM post_authors WHERE post_id = p.id ORDER BY position))),
      'tagIds', json((SELECT json_group_array(tag_id) FROM (SELECT tag_id FROM post_tags WHERE post_id = p.id ORDER BY position))),
      'sources', json(p.sources),
      'seo', json_object('title', p.seo_title, 'description', p.seo_description, 'canonicalUrl', p.canonical_url,
        'isNoindex', json(CASE WHEN p.is_noindex THEN 'true' ELSE 'false' END)),
      'publishedAt', p.published_at)
    FROM posts p`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
