import { sql, type Kysely } from 'kysely';

// The newsroom: revisions, autosaves, old slugs, preview links, and the
// indexes its post list and the scheduler read. Mirrors sqlite/0004.
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
    created_at TIMESTAMPTZ NOT NULL,
    snapshot JSONB NOT NULL,
    PRIMARY KEY (post_id, revision)
  )`,
  `CREATE TABLE IF NOT EXISTS post_autosaves (
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    base_revision INTEGER NOT NULL,
    saved_at TIMESTAMPTZ NOT NULL,
    changes JSONB NOT NULL,
    PRIMARY KEY (post_id, user_id)
  )`,
  // Keyed by slug first: the lookup that matters is "which post had this slug".
  `CREATE TABLE IF NOT EXISTS post_slug_history (
    slug TEXT NOT NULL,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (slug, post_id)
  )`,
  `CREATE INDEX IF NOT EXISTS post_slug_history_by_post ON post_slug_history (post_id)`,
  `CREATE TABLE IF NOT EXISTS preview_tokens (
    token_hash TEXT PRIMARY KEY,
    post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked_at TIMESTAMPTZ
  )`,
  `CREATE INDEX IF NOT EXISTS preview_tokens_by_post ON preview_tokens (post_id)`,
  // The newsroom's list: newest updated first, of one status or of all. The
  // status one also answers the scheduler's question each minute (which
  // scheduled posts are due) by reading the few scheduled posts only.
  `CREATE INDEX IF NOT EXISTS posts_newsroom_latest ON posts (updated_at DESC, id DESC)`,
  `CREATE INDEX IF NOT EXISTS posts_newsroom_status ON posts (status, updated_at DESC, id DESC)`,
  // Posts stored before revisions were kept start their history here, as
  // they are now, so every post has a revision to compare and restore.
  `INSERT INTO post_revisions (post_id, revision, action, user_id, note, title, status, created_at, snapshot)
    SELECT p.id, p.revision, 'create', NULL, NULL, p.title, p.status, p.updated_at, jsonb_build_object(
      'kind', p.kind, 'status', p.status, 'slug', p.slug, 'title', p.title, 'excerpt', p.excerpt, 'body', p.body,
      'featuredMediaId', p.featured_media_id, 'categoryId', p.category_id,
      'authorIds', COALESCE((SELECT jsonb_agg(user_id ORDER BY position) FROM post_authors WHERE post_id = p.id), '[]'::jsonb),
      'tagIds', COALESCE((SELECT jsonb_agg(tag_id ORDER BY position) FROM post_tags WHERE post_id = p.id), '[]'::jsonb),
      'sources', p.sources,
      'seo', jsonb_build_object('title', p.seo_title, 'description', p.seo_description, 'canonicalUrl', p.canonical_url, 'isNoindex', p.is_noindex),
      'publishedAt', to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    FROM posts p
    ON CONFLICT DO NOTHING`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
