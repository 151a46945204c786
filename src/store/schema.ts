import type { ColumnType, Generated } from 'kysely';

/**
 * The tables as Kysely sees them. Times are ISO-8601 UTC strings on the way
 * in and out on both engines (the PostgreSQL driver is told to hand them back
 * as strings); JSON columns are text on SQLite and jsonb on PostgreSQL, and
 * both hand them back as text for fromJson().
 */
type Json = ColumnType<unknown, string, string>;
/** 0/1 on SQLite, boolean on PostgreSQL; both accept 0/1 on write. */
type Flag = ColumnType<number | boolean, number, number>;

export interface SettingsTable {
  key: string;
  value: Json;
}

export interface UsersTable {
  id: Generated<number>;
  slug: string;
  name: string;
  email: string | null;
  bio: string | null;
  avatar_media_id: number | null;
  role: string;
  created_at: string;
  password_hash: string | null;
  status: Generated<string>;
}

export interface SessionsTable {
  id: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  user_agent: string | null;
}

export interface AccountTokensTable {
  id: string;
  user_id: number;
  kind: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface SignInFailuresTable {
  key: string;
  failed_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  path: string;
  mime_type: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  agency: string | null;
  licence: string | null;
  variant_widths: Json;
  crops: Json;
  created_at: string;
  /** A label to find the picture by in the library; from the file's headline or title. */
  title: string | null;
  original_name: string | null;
  byte_size: number | null;
  uploaded_by: number | null;
  /** Null only until migration 0005 has filled it in from created_at. */
  updated_at: string | null;
  /** Alt, caption, credit, agency, title and file name folded for search (lib/fold-text.ts); written with every change. */
  search_text: string;
}

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: string | null;
  parent_id: number | null;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: string;
  description: string | null;
  image_media_id: number | null;
}

export interface PostsTable {
  id: Generated<number>;
  kind: string;
  status: string;
  slug: string;
  title: string;
  excerpt: string;
  body: Json;
  body_html: string;
  body_text: string;
  featured_media_id: number | null;
  category_id: number | null;
  sources: Json;
  /** The post as a teaser (content/types.ts Teaser, without id), as JSON. */
  card: Json;
  /** What the post's page adds (PageDetails), as JSON. */
  page: Json;
  /** The stored fragments: content/types.ts PostFragments. */
  card_html: string;
  head_html: string;
  article_html: string;
  seo_title: string | null;
  seo_description: string | null;
  canonical_url: string | null;
  is_noindex: Flag;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  revision: number;
  /** Readers must give it to read the post; null for an open post. */
  password: ColumnType<string | null, string | null | undefined, string | null>;
  is_sticky: ColumnType<number | boolean, number | undefined, number>;
  /** The approved comments as the article page shows them, rendered when they change. */
  comments_html: ColumnType<string, string | undefined, string>;
}

/**
 * Links carry a copy of the post's publication time while the post is public
 * (null otherwise) so that a tag or author archive is read in index order,
 * without sorting every post that ever had the tag.
 */
export interface PostTagsTable {
  post_id: number;
  tag_id: number;
  position: number;
  published_at: string | null;
}

export interface PostAuthorsTable {
  post_id: number;
  user_id: number;
  position: number;
  published_at: string | null;
}

export interface PostMediaTable {
  post_id: number;
  media_id: number;
}

/** Every save of a post, with what it said then (content/store-editorial.ts PostSnapshot, as JSON). */
export interface PostRevisionsTable {
  post_id: number;
  revision: number;
  action: string;
  user_id: number | null;
  note: string | null;
  title: string;
  status: string;
  created_at: string;
  snapshot: Json;
}

/** An editor's unsaved state of a post, one per user and post. */
export interface PostAutosavesTable {
  post_id: number;
  user_id: number;
  base_revision: number;
  saved_at: string;
  changes: Json;
}

/** Slugs a post used before, so old links can be redirected. */
export interface PostSlugHistoryTable {
  slug: string;
  post_id: number;
  changed_at: string;
}

/** Private preview links; only the token's SHA-256 is kept. */
export interface PreviewTokensTable {
  token_hash: string;
  post_id: number;
  created_by: number | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

/** Old archive addresses of tags and categories (a merged tag's slug, a changed slug), leading to the term that has them now. */
export interface TermRedirectsTable {
  kind: string;
  slug: string;
  term_id: number;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  parent_id: number | null;
  kind: string;
  status: string;
  author_name: string;
  author_email: string | null;
  author_url: string | null;
  user_id: number | null;
  content: string;
  created_at: string;
}

/** An old address and where it leads: a post, followed to its current slug, or a path. */
export interface RedirectsTable {
  id: Generated<number>;
  from_path: string;
  to_path: string | null;
  post_id: number | null;
  status_code: number;
  origin: string;
  created_at: string;
  updated_at: string;
}

/** What an import made of each WordPress item: keyed by the source site and the item's ID there. */
export interface ImportItemsTable {
  source: string;
  wp_type: string;
  wp_id: string;
  guid: string | null;
  local_id: number;
  /** A hash of the item as the export had it: a second import updates only what changed. */
  digest: string;
  imported_at: string;
}

/** The change outbox (src/change-bus/): what changed, written in the transaction that changed it. */
export interface ChangeEventsTable {
  id: Generated<number>;
  kind: string;
  /** The ids of what changed, as a JSON array; null when the change names none (settings). */
  ids: Json | null;
  /** The story lists a post change touched, as a JSON array (migration 0012); null when it names none. */
  lists: Json | null;
  created_at: Generated<string>;
}

/** Jobs that run once (src/jobs/); see migrations 0011. */
export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: string;
  attempts: Generated<number>;
  max_attempts: number;
  run_after: string;
  claimed_by: string | null;
  claim_token: string | null;
  lease_until: string | null;
  progress: Json;
  last_error: string | null;
  dedupe_key: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  media: MediaTable;
  categories: CategoriesTable;
  tags: TagsTable;
  posts: PostsTable;
  post_tags: PostTagsTable;
  post_authors: PostAuthorsTable;
  post_media: PostMediaTable;
  post_revisions: PostRevisionsTable;
  post_autosaves: PostAutosavesTable;
  post_slug_history: PostSlugHistoryTable;
  preview_tokens: PreviewTokensTable;
  term_redirects: TermRedirectsTable;
  comments: CommentsTable;
  redirects: RedirectsTable;
  import_items: ImportItemsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  sign_in_failures: SignInFailuresTable;
  change_events: ChangeEventsTable;
  jobs: JobsTable;
}
