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
}
