import type { Cluster } from './harness.js';

/**
 * Grows the site to `total` posts in a few seconds by copying one real
 * article in bulk, inside PostgreSQL: its row (with a slug, title and date of
 * its own), its authors, tags, pictures and first revision. Rendering 10,000
 * articles one by one through the operations (`masthead demo --articles`)
 * takes over a minute on two cores, more than the whole cluster test may
 * spend; the copies' stored fragments are the original's, which is what the
 * re-render under test replaces. Columns are read from the catalogue, so a
 * column added later is copied too.
 */
export async function seedCopies(cluster: Cluster, input: { slug: string; total: number }): Promise<number> {
  const [counted] = await cluster.sql<{ count: number }>('SELECT count(*)::int AS count FROM posts');
  const copies = input.total - counted!.count;
  if (copies <= 0) return 0;
  const [source] = await cluster.sql<{ id: number }>('SELECT id FROM posts WHERE slug = $1', [input.slug]);
  if (!source) throw new Error(`no post has the slug ${input.slug} to copy`);

  const postColumns = await columnsOf(cluster, 'posts', ['id']);
  const made: Record<string, string> = {
    slug: `p.slug || '-copy-' || n`,
    title: `p.title || ' (copy ' || n || ')'`,
    published_at: `p.published_at - n * interval '1 hour'`,
  };
  const select = postColumns.map((column) => made[column] ?? `p.${column}`).join(', ');
  const links: string[] = [];
  for (const table of ['post_authors', 'post_tags', 'post_media', 'post_revisions']) {
    const columns = await columnsOf(cluster, table, []);
    const values = columns.map((column) => (column === 'post_id' ? 'c.id' : column === 'published_at' ? 'c.published_at' : `l.${column}`));
    links.push(`${table}_copied AS (INSERT INTO ${table} (${columns.join(', ')}) SELECT ${values.join(', ')} FROM copies c CROSS JOIN ${table} l WHERE l.post_id = $1)`);
  }
  const [result] = await cluster.sql<{ inserted: number }>(
    `WITH copies AS (
       INSERT INTO posts (${postColumns.join(', ')})
       SELECT ${select} FROM posts p CROSS JOIN generate_series(1, $2::int) AS n WHERE p.id = $1
       RETURNING id, published_at
     ), ${links.join(', ')}
     SELECT count(*)::int AS inserted FROM copies`,
    [source.id, copies],
  );
  return result!.inserted;
}

/** The table's columns that can be written (not generated ones), in order. */
async function columnsOf(cluster: Cluster, table: string, except: string[]): Promise<string[]> {
  const rows = await cluster.sql<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((row) => row.column_name).filter((column) => !except.includes(column));
}
