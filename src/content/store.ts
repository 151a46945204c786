import type {
  Category,
  Media,
  Post,
  PostKind,
  PageDetails,
  PostStatus,
  PostPage,
  PostFragments,
  PostAccess,
  CardRow,
  SiteSettings,
  Source,
  Tag,
  Teaser,
  User,
} from './types.js';
import type { BodyDocument } from './body.js';
import type { ChangeStore, RecordedChange } from './store-changes.js';
import type { AccountStore } from './store-accounts.js';
import type { RateCounterStore } from './store-rate-counters.js';
import type { EditorialStore } from './store-editorial.js';
import type { FeedStore } from './store-feeds.js';
import type { MediaLibraryStore } from './store-media-library.js';
import type { SitemapStore } from './store-sitemaps.js';
import type { TaxonomyStore } from './store-taxonomy.js';

/**
 * What the content layer needs from storage. The SQL implementation lives in
 * store/; nothing in content/ knows which engine is behind it.
 */

/** Where a listing's next page starts: the last item of the previous one (keyset pagination). */
export interface Cursor {
  publishedAt: string;
  id: number;
}

export type ListScope =
  | { kind: 'all' }
  | { kind: 'category'; id: number }
  | { kind: 'tag'; id: number }
  | { kind: 'author'; id: number };

export interface ListQuery {
  scope: ListScope;
  /** Only posts published at or before this instant are public. */
  now: string;
  limit: number;
  after?: Cursor;
}

export interface NewPost {
  kind: PostKind;
  status: PostStatus;
  slug: string;
  title: string;
  excerpt: string;
  body: BodyDocument;
  bodyHtml: string;
  bodyText: string;
  featuredMediaId: number | null;
  categoryId: number | null;
  authorIds: number[];
  tagIds: number[];
  mediaIds: number[];
  sources: Source[];
  seo: Post['seo'];
  /** The post as lists show it (without its id, which the store assigns). */
  card: Omit<Teaser, 'id'>;
  page: PageDetails;
  fragments: PostFragments;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewMedia = Omit<Media, 'id'>;
export type NewUser = Omit<User, 'id'>;
export type NewTag = Omit<Tag, 'id'>;
export type NewCategory = Omit<Category, 'id'>;

export interface PostDocument {
  post: Teaser & PageDetails;
  body: BodyDocument;
  /** It has a password: the body is not for readers who have not given it. */
  isProtected: boolean;
  /** The approved comments as stored (render/comments-html.ts); '' for none, and for a protected post. */
  commentsHtml: string;
}

/** The home page's first stories: the sticky ones, newest first, and the newest of all. */
export interface HomeTop {
  sticky: Array<CardRow & { teaser: Teaser }>;
  newest: Teaser | undefined;
}

/** A change in whether the database answers: the first failure of an outage, or the first answer after it. */
export type AvailabilityChange = { isAvailable: false; error: unknown } | { isAvailable: true; downForMs: number };

export interface Store {
  /** Runs fn in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query (and is still the one opened); rejects with STORE_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /** Migrations this program has that the database has not applied: until none are left it is not ready for traffic. */
  pendingMigrations(): Promise<string[]>;
  /** Hears once when the database stops answering and once when it answers again; returns a function that stops listening. */
  onAvailabilityChange(listener: (change: AvailabilityChange) => void): () => void;
  /**
   * Hears each change this process records, as soon as its transaction
   * commits (before the operation that made it returns), in the order they
   * were recorded. Other processes hear of it through the change bus
   * (src/change-bus/), which also uses this to tell its own process at once.
   */
  onCommittedChange(listener: (change: RecordedChange) => void): () => void;
  /**
   * Runs fn while no other process starting on this store runs its own, so
   * that work done once per store (migrations, the demo seed) is done once
   * when instances start together; fn decides whether it is needed inside.
   */
  withStartLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;

  settings: {
    get(): Promise<Partial<SiteSettings>>;
    put(values: Partial<SiteSettings>): Promise<void>;
  };
  users: {
    insert(user: NewUser): Promise<User>;
    findBySlug(slug: string): Promise<User | undefined>;
    findByIds(ids: number[]): Promise<User[]>;
    slugExists(slug: string): Promise<boolean>;
  };
  categories: {
    insert(category: NewCategory): Promise<Category>;
    findBySlug(slug: string): Promise<Category | undefined>;
    findById(id: number): Promise<Category | undefined>;
    slugExists(slug: string): Promise<boolean>;
    /** Categories with published articles, the one with the newest story first. */
    listInUse(limit: number): Promise<Category[]>;
  };
  tags: {
    insert(tag: NewTag): Promise<Tag>;
    findBySlug(slug: string): Promise<Tag | undefined>;
    findByIds(ids: number[]): Promise<Tag[]>;
    slugExists(slug: string): Promise<boolean>;
  };
  media: {
    insert(media: NewMedia): Promise<Media>;
    findById(id: number): Promise<Media | undefined>;
    findByIds(ids: number[]): Promise<Media[]>;
  };
  posts: {
    insert(post: NewPost): Promise<Post>;
    findById(id: number): Promise<Post | undefined>;
    slugExists(slug: string): Promise<boolean>;
    count(): Promise<number>;
    /** A published post of either kind by slug, as its stored page fragments, or undefined. */
    findPublishedBySlug(slug: string, now: string): Promise<PostPage | undefined>;
    /** A published post by slug as data: what it shows and its body document, for renderers that work from the document (the mobile version). */
    findPublishedDocument(slug: string, now: string): Promise<PostDocument | undefined>;
    /** Stored cards of published articles, newest first, keyset-paginated. */
    listCards(query: ListQuery): Promise<CardRow[]>;
    /** What re-rendering a post's fragments needs, in id order after `afterId`. */
    listRenderInputs(input: { afterId: number; limit: number }): Promise<Array<{ id: number; card: Omit<Teaser, 'id'>; page: PageDetails; bodyHtml: string; isProtected: boolean }>>;
    updateFragments(id: number, fragments: PostFragments): Promise<void>;
    /** Sets the password (null: open) and sticky flag; the caller renders the post again (operations/post-access-settings.ts). */
    setAccess(id: number, access: PostAccess): Promise<void>;
    /** Sticky published articles, newest first, at most `stickyLimit`, and the newest published article: one query. */
    homeTop(input: { now: string; stickyLimit: number }): Promise<HomeTop>;
    /** Where page n starts when a link gives a page number but no cursor (old WordPress links). */
    cursorAt(query: { scope: ListScope; now: string; skip: number }): Promise<Cursor | undefined>;
    /** Published articles, newest first, keyset-paginated. */
    listPublished(query: ListQuery): Promise<Teaser[]>;
    /** The newest `perCategory` articles of each category, in one round trip. */
    latestByCategories(input: { categoryIds: number[]; perCategory: number; now: string }): Promise<Map<number, CardRow[]>>;
    /** Articles sharing the post's category, newest first, not the post itself. */
    related(input: { postId: number; categoryId: number | null; now: string; limit: number }): Promise<CardRow[]>;
    search(input: { text: string; now: string; limit: number; after?: Cursor }): Promise<CardRow[]>;
  };
  feeds: FeedStore;
  /** The newsroom's media library: search, edits of a picture's details, where it is used. */
  mediaLibrary: MediaLibraryStore;
  editorial: EditorialStore;
  accounts: AccountStore;
  /** Counters behind the abuse limits (src/rate-limit/). */
  rateCounters: RateCounterStore;
  sitemaps: SitemapStore;
  /** The newsroom's categories and tags: edits, merges, lists with counts, old archive addresses. */
  taxonomy: TaxonomyStore;
  /** Reads for the WordPress REST API at /wp-json/. */
  wpJson: import('./store-wp-json.js').WpJsonStore;
  /** Old addresses and where they lead now. */
  redirects: import('./store-redirects.js').RedirectStore;
  /** Readers' comments under posts. */
  comments: import('./store-comments.js').CommentStore;
  /** What a WordPress import made of each item, so a second import updates instead of duplicating. */
  importItems: import('./store-import-items.js').ImportItemStore;
  /** The public site's pages, each in one statement (one round trip on PostgreSQL). */
  sitePages: import('./store-site-pages.js').SitePageStore;
  /** Long work claimed by one process at a time, retried and resumed (src/jobs/). */
  jobs: import('./store-jobs.js').JobStore;
  /** The change outbox: every write records what it changed, in its transaction (src/change-bus/ carries it). */
  changes: ChangeStore;
}
