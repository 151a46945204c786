import type { Cursor, HomeTop, PostDocument } from './store.js';
import type { CardRow, Category, Media, PostPage, Tag, User } from './types.js';

/** What an archive address names: a section, a tag, or an author. */
export type ArchiveOwner = { kind: 'category'; category: Category } | { kind: 'tag'; tag: Tag } | { kind: 'author'; user: User };

export interface ArchivePage {
  owner: ArchiveOwner;
  /** The tag's picture or the author's portrait, when there is one. */
  image: Media | null;
  /** The archive's stories after the cursor, newest first, at most the limit asked for. */
  cards: CardRow[];
}

export interface HomePage {
  top: HomeTop;
  /** The sections with published articles, the one with the newest story first. */
  categories: Category[];
  /** The newest articles, sticky or not, at most the limit asked for. */
  natural: CardRow[];
  /** The newest articles of each of those sections, by category id. */
  sections: Map<number, CardRow[]>;
}

/**
 * The public site's pages, each read whole in one statement: one round trip
 * to PostgreSQL, no transaction, a prepared statement after the first time
 * (store/queries/site-pages.ts). Written once for both engines.
 */
export interface SitePageStore {
  /** A published post by slug as its stored page, and under an article the newest other stories of its section. */
  article(input: { slug: string; now: string; relatedLimit: number }): Promise<{ post: PostPage; related: CardRow[] } | undefined>;
  /** An archive (/category/x/, /tag/x/, /author/x/): what it is of, its picture, and a page of its stories; undefined when the slug names none. */
  archive(input: { kind: ArchiveOwner['kind']; slug: string; now: string; limit: number; after?: Cursor }): Promise<ArchivePage | undefined>;
  /** The home page: sticky stories and the newest, the latest list, and a few stories of each of the busiest sections. */
  home(input: { now: string; stickyLimit: number; limit: number; sectionCount: number; sectionSize: number }): Promise<HomePage>;
  /** A published post as data, with the pictures it shows, for the renderers that work from the document (the mobile version). */
  document(input: { slug: string; now: string }): Promise<(PostDocument & { media: Media[] }) | undefined>;
}
