import type { Kysely } from 'kysely';
import type { AvailabilityChange, Store } from '../content/store.js';
import type { SqlDialect } from './dialect.js';
import { CommittedChanges } from './committed-changes.js';
import type { RecordedChange } from '../content/store-changes.js';
import type { Database } from './schema.js';
import { postQueries } from './queries/posts.js';
import { categoryQueries, tagQueries, userQueries } from './queries/people-and-terms.js';
import { mediaQueries, settingsQueries } from './queries/media-and-settings.js';
import { mediaLibraryQueries } from './queries/media-library.js';
import { feedQueries } from './queries/feeds.js';
import { editorialQueries } from './queries/editorial.js';
import { accountQueries } from './queries/accounts.js';
import { rateCounterQueries } from './queries/rate-counters.js';
import { sitemapQueries } from './queries/sitemaps.js';
import { taxonomyQueries } from './queries/taxonomy.js';
import { wpJsonQueries } from './queries/wp-json.js';
import { redirectQueries } from './queries/redirects.js';
import { commentQueries } from './queries/comments.js';
import { importItemQueries } from './queries/import-items.js';
import { sitePageQueries } from './queries/site-pages.js';
import { jobQueries } from './queries/jobs.js';
import { changeQueries } from './queries/changes.js';
import { pendingMigrations } from './migrator.js';

/** The Store on a SQL database; the same code for both engines, the differences sit in `dialect`. */
export class SqlStore implements Store {
  readonly settings: Store['settings'];
  readonly users: Store['users'];
  readonly categories: Store['categories'];
  readonly tags: Store['tags'];
  readonly media: Store['media'];
  readonly mediaLibrary: Store['mediaLibrary'];
  readonly posts: Store['posts'];
  readonly feeds: Store['feeds'];
  readonly editorial: Store['editorial'];
  readonly accounts: Store['accounts'];
  readonly rateCounters: Store['rateCounters'];
  readonly sitemaps: Store['sitemaps'];
  readonly taxonomy: Store['taxonomy'];
  readonly wpJson: Store['wpJson'];
  readonly redirects: Store['redirects'];
  readonly comments: Store['comments'];
  readonly importItems: Store['importItems'];
  readonly sitePages: Store['sitePages'];
  readonly jobs: Store['jobs'];
  readonly changes: Store['changes'];

  readonly dialect: SqlDialect;

  constructor(
    dialect: SqlDialect,
    private readonly isInTransaction = false,
  ) {
    this.dialect = dialect = dialect.committed ? dialect : { ...dialect, committed: new CommittedChanges() };
    this.settings = settingsQueries(dialect);
    this.users = userQueries(dialect);
    this.categories = categoryQueries(dialect);
    this.tags = tagQueries(dialect);
    this.media = mediaQueries(dialect);
    this.mediaLibrary = mediaLibraryQueries(dialect);
    this.posts = postQueries(dialect);
    this.feeds = feedQueries(dialect);
    this.editorial = editorialQueries(dialect);
    this.accounts = accountQueries(dialect);
    this.rateCounters = rateCounterQueries(dialect);
    this.sitemaps = sitemapQueries(dialect);
    this.taxonomy = taxonomyQueries(dialect);
    this.wpJson = wpJsonQueries(dialect);
    this.redirects = redirectQueries(dialect);
    this.comments = commentQueries(dialect);
    this.importItems = importItemQueries(dialect);
    this.sitePages = sitePageQueries(dialect);
    this.jobs = jobQueries(dialect);
    this.changes = changeQueries(dialect);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.isInTransaction) return fn(this);
    const recorded: RecordedChange[] = [];
    const result = await this.dialect.db
      .transaction()
      .execute((trx) => fn(new SqlStore({ ...this.dialect, db: trx as Kysely<Database>, read: undefined, recordedInTransaction: recorded }, true)));
    this.dialect.committed!.announce(recorded);
    return result;
  }

  onCommittedChange(listener: (change: RecordedChange) => void): () => void {
    return this.dialect.committed!.subscribe(listener);
  }

  async ping(): Promise<void> {
    await this.dialect.checkHealth();
  }

  async pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.dialect);
  }

  onAvailabilityChange(listener: (change: AvailabilityChange) => void): () => void {
    return this.dialect.availability.onChange(listener);
  }

  withStartLock<T>(fn: () => Promise<T>): Promise<T> {
    return this.dialect.withStartLock(fn);
  }

  async close(): Promise<void> {
    await this.dialect.destroy();
  }
}
