/**
 * The store's side of redirects: old addresses (a WordPress permalink, a
 * path someone typed into the newsroom) and where they lead now. A redirect
 * leads to a post, followed to whatever its slug is at the time, or to a path
 * or URL. Implemented in store/queries/redirects.ts.
 */

/** Where a redirect leads: a post (by id) or a literal path or absolute URL. */
export type RedirectTarget = { postId: number } | { path: string };

/** Who made a redirect: the importer rewrites its own rows on a re-import, never the newsroom's. */
export type RedirectOrigin = 'newsroom' | 'import';

export const REDIRECT_STATUSES = [301, 302, 307, 308] as const;
/** 301 and 308 say the move is for good (search engines pass the old address's standing on); 302 and 307 that it is for now. */
export type RedirectStatus = (typeof REDIRECT_STATUSES)[number];

export interface Redirect {
  id: number;
  /** The old address as oldPathKey() (content/old-paths.ts) normalises it. */
  fromPath: string;
  target: RedirectTarget;
  statusCode: RedirectStatus;
  origin: RedirectOrigin;
  createdAt: string;
  updatedAt: string;
}

/** A redirect as the newsroom lists it: with the post it leads to, named. */
export interface RedirectListItem extends Redirect {
  post: { id: number; title: string; slug: string; status: string } | null;
}

export interface RedirectListQuery {
  /** Found in the old address or the target (a path, or the post's title or slug), any case. */
  text?: string;
  origin?: RedirectOrigin;
  limit: number;
  offset: number;
}

export interface RedirectValues {
  fromPath: string;
  target: RedirectTarget;
  statusCode: RedirectStatus;
  at: string;
}

/**
 * Where an old address leads as a reader's request finds it. A post target
 * names the post's current slug only while the post is public (null otherwise:
 * a draft's or a scheduled post's address never leaks through a redirect).
 */
export type RedirectDestination = { statusCode: RedirectStatus; path: string } | { statusCode: RedirectStatus; postSlug: string | null };

export interface ImportedRedirect {
  /** The old address as oldPathKey() (content/old-paths.ts) normalises it. */
  fromPath: string;
  target: RedirectTarget;
  at: string;
}

export interface RedirectStore {
  /**
   * Records a redirect found in an import. A row the newsroom made or edited
   * for the same address is left alone ('kept'); an imported row that already
   * says the same is 'unchanged'.
   */
  putImported(redirect: ImportedRedirect): Promise<'created' | 'updated' | 'unchanged' | 'kept'>;

  /** Newest first, with how many match in all. */
  list(query: RedirectListQuery): Promise<{ items: RedirectListItem[]; total: number }>;
  findById(id: number): Promise<Redirect | undefined>;
  findByFromPath(fromPath: string): Promise<Redirect | undefined>;
  /** Adds a newsroom redirect; undefined when its old address has a redirect already. */
  insert(values: RedirectValues): Promise<Redirect | undefined>;
  /** Rewrites a redirect; it becomes the newsroom's, so a re-import leaves it alone. Undefined when there is none with that id. */
  update(id: number, values: RedirectValues): Promise<Redirect | undefined>;
  delete(id: number): Promise<boolean>;

  /** What a request for an old address finds: one query, made only when the site has nothing else at that address. */
  findDestination(input: { fromPath: string; now: string }): Promise<RedirectDestination | undefined>;
  /** The current slug of a public post that has, or once had, `slug`; for WordPress's guesses at addresses the table does not name. */
  findPublicPostSlug(input: { slug: string; now: string }): Promise<string | undefined>;
}
