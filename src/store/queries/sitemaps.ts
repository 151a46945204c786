import { sql, type Compilable } from 'kysely';
import type { SitemapArchiveKind, SitemapImage, SitemapPost, SitemapStore } from '../../content/store-sitemaps.js';
import type { SqlDialect } from '../dialect.js';
import type { Placeholders } from '../prepared.js';
import { fromJson } from '../rows.js';
import { whereVisible } from './teasers.js';

/*
 * Sitemap reads walk the archives' indexes: posts_public_latest for articles
 * and pages, posts_category_latest, post_tags_latest and post_authors_latest
 * for the archives. Article files are ranked oldest first by
 * (published_at, id), that index read backwards. The builders are exported
 * so tests can read their plans.
 */

interface Key {
  publishedAt: string;
  id: number;
}

/** Public articles, noindex or not: the ranking that numbers the files. */
function publicArticles(dialect: SqlDialect, now: string) {
  return whereVisible(dialect.db.selectFrom('posts as p'), now).where('p.kind', '=', 'article');
}

/**
 * Files of `perFile` articles: for each, how many are indexable and when the
 * newest of those changed. The one sitemap read that grows with the site:
 * updated_at and is_noindex are in no index, so every public article's row
 * is read once, in index order (about 150 ms for 100,000 articles on SQLite).
 */
export function postFilesQuery(dialect: SqlDialect, input: { now: string; perFile: number }) {
  const ranked = publicArticles(dialect, input.now).select([
    sql<number>`(row_number() over (order by p.published_at, p.id) - 1) / ${sql.lit(input.perFile)}`.as('file'),
    'p.updated_at',
    'p.is_noindex',
  ]);
  return dialect.db
    .selectFrom(ranked.as('r'))
    .select((eb) => [
      'r.file',
      eb.fn.max(eb.case().when('r.is_noindex', '=', 0).then(eb.ref('r.updated_at')).end()).as('lastmod'),
      eb.fn.count(eb.case().when('r.is_noindex', '=', 0).then(sql.lit(1)).end()).as('urls'),
    ])
    .groupBy('r.file');
}

/**
 * One file's articles: from the file's first key (found by walking the
 * index's keys alone, as old /page/N/ links do) on, `perFile` rows. Noindex
 * rows come back too, flagged, so a file of only noindex articles is told
 * apart from a file past the end.
 */
export function postFileQuery(dialect: SqlDialect, input: { now: string; perFile: number; offset: number }) {
  const start = publicArticles(dialect, input.now)
    .select(['p.published_at', 'p.id'])
    .orderBy('p.published_at')
    .orderBy('p.id')
    .offset(input.offset)
    .limit(sql.lit(1));
  return publicArticles(dialect, input.now)
    .where(sql<boolean>`(p.published_at, p.id) >= (${start})`)
    .select(['p.id', 'p.slug', 'p.published_at', 'p.updated_at', 'p.is_noindex'])
    .orderBy('p.published_at')
    .orderBy('p.id')
    .limit(sql.lit(input.perFile));
}

/** The pictures of the indexable articles from one key to another, inclusive: one file's. A protected post's are its own (its URL is listed, its pictures not). */
export function postImagesQuery(dialect: SqlDialect, input: { now: string; from: Key; to: Key }) {
  return publicArticles(dialect, input.now)
    .where('p.is_noindex', '=', 0)
    .where('p.password', 'is', null)
    .where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '>=', eb.tuple(input.from.publishedAt, input.from.id)))
    .where((eb) => eb(eb.refTuple('p.published_at', 'p.id'), '<=', eb.tuple(input.to.publishedAt, input.to.id)))
    .innerJoin('post_media as pm', 'pm.post_id', 'p.id')
    .innerJoin('media as m', 'm.id', 'pm.media_id')
    .select(['p.id as post_id', 'p.featured_media_id', 'm.id', 'm.path', 'm.width', 'm.height', 'm.variant_widths', 'm.caption', 'm.credit', 'm.agency'])
    // In the index's order, so the engine walks the file's range rather than every post.
    .orderBy('p.published_at')
    .orderBy('p.id');
}

/** Each archive of a kind, by slug, with the `updated_at` of its newest indexable article (null when it has none). */
export function archiveLastmodsQuery(dialect: SqlDialect, input: { kind: SitemapArchiveKind; now: string }) {
  const { db } = dialect;
  const { now } = input;
  if (input.kind === 'category') {
    return db.selectFrom('categories as o').select((eb) => [
      'o.slug',
      eb
        .selectFrom('posts as p')
        .whereRef('p.category_id', '=', 'o.id')
        .where('p.kind', '=', 'article')
        .where('p.status', '=', 'published')
        .where('p.published_at', '<=', now)
        .where('p.is_noindex', '=', 0)
        .select('p.updated_at')
        .orderBy('p.published_at', 'desc')
        .orderBy('p.id', 'desc')
        .limit(sql.lit(1))
        .as('lastmod'),
    ]);
  }
  // The link tables carry the publication time, so an archive's newest
  // article is an index seek, however many stories it has.
  const owners = input.kind === 'tag' ? db.selectFrom('tags as o') : db.selectFrom('users as o');
  return owners.select((eb) => {
    const links =
      input.kind === 'tag'
        ? eb.selectFrom('post_tags as l').whereRef('l.tag_id', '=', 'o.id')
        : eb.selectFrom('post_authors as l').whereRef('l.user_id', '=', 'o.id');
    return [
      'o.slug',
      links
        .where('l.published_at', 'is not', null)
        .where('l.published_at', '<=', now)
        .innerJoin('posts as p', 'p.id', 'l.post_id')
        .where('p.status', '=', 'published')
        .where('p.kind', '=', 'article')
        .where('p.is_noindex', '=', 0)
        .select('p.updated_at')
        .orderBy('l.published_at', 'desc')
        .orderBy('l.post_id', 'desc')
        .limit(sql.lit(1))
        .as('lastmod'),
    ];
  });
}

/** Archives of a kind that have an indexable article, by slug. */
export function archivesQuery(dialect: SqlDialect, input: { kind: SitemapArchiveKind; now: string; limit: number }) {
  return dialect.db
    .selectFrom(archiveLastmodsQuery(dialect, input).as('a'))
    .select(['a.slug', 'a.lastmod'])
    .where('a.lastmod', 'is not', null)
    .orderBy('a.slug')
    .limit(sql.lit(input.limit));
}

/** Indexable pages, oldest first. */
export function pagesQuery(dialect: SqlDialect, input: { now: string; limit: number }) {
  return whereVisible(dialect.db.selectFrom('posts as p'), input.now)
    .where('p.kind', '=', 'page')
    .where('p.is_noindex', '=', 0)
    .select(['p.slug', 'p.updated_at'])
    .orderBy('p.published_at')
    .orderBy('p.id')
    .limit(sql.lit(input.limit));
}

/** The home page changes when its newest story does. */
function homeLastmodQuery(dialect: SqlDialect, now: string) {
  return publicArticles(dialect, now)
    .where('p.is_noindex', '=', 0)
    .select('p.updated_at')
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(sql.lit(1));
}

/** When the home page, the pages and each kind of archive last changed, in one statement. */
export function lastmodsQuery(dialect: SqlDialect, input: { now: string }) {
  const { db } = dialect;
  const newestOf = (kind: SitemapArchiveKind) =>
    db.selectFrom(archiveLastmodsQuery(dialect, { kind, now: input.now }).as('a')).select((eb) => eb.fn.max('a.lastmod').as('lastmod'));
  return db.selectNoFrom([
    homeLastmodQuery(dialect, input.now).as('home'),
    whereVisible(db.selectFrom('posts as p'), input.now)
      .where('p.kind', '=', 'page')
      .where('p.is_noindex', '=', 0)
      .select((inner) => inner.fn.max('p.updated_at').as('lastmod'))
      .as('pages'),
    newestOf('category').as('category'),
    newestOf('tag').as('tag'),
    newestOf('author').as('author'),
  ]);
}

/** Indexable articles published from `since` to `now`, newest first. */
export function newsQuery(dialect: SqlDialect, input: { now: string; since: string; limit: number }) {
  return publicArticles(dialect, input.now)
    .where('p.published_at', '>=', input.since)
    .where('p.is_noindex', '=', 0)
    .select(['p.slug', 'p.title', 'p.published_at'])
    .orderBy('p.published_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(sql.lit(input.limit));
}

interface ImageRow {
  post_id: number;
  featured_media_id: number | null;
  id: number;
  path: string;
  width: number;
  height: number;
  variant_widths: unknown;
  caption: string | null;
  credit: string | null;
  agency: string | null;
}

/** Each post's pictures, the featured one first, then by id (the order they entered the library). */
function imagesByPost(rows: ImageRow[]): Map<number, SitemapImage[]> {
  const sorted = [...rows].sort(
    (a, b) => a.post_id - b.post_id || Number(b.id === b.featured_media_id) - Number(a.id === a.featured_media_id) || a.id - b.id,
  );
  const result = new Map<number, SitemapImage[]>();
  for (const row of sorted) {
    const images = result.get(row.post_id) ?? [];
    images.push({
      path: row.path,
      width: row.width,
      height: row.height,
      variantWidths: fromJson<number[]>(row.variant_widths),
      caption: row.caption,
      credit: row.credit,
      agency: row.agency,
    });
    result.set(row.post_id, images);
  }
  return result;
}

/** 0/1 on SQLite, a boolean on PostgreSQL. */
const isIndexable = (flag: number | boolean) => !flag;

export function sitemapQueries(dialect: SqlDialect): SitemapStore {
  // Compiled once per shape and, on SQLite, run on the read-only connection, as the site's pages are.
  const run = <Row>(shape: string, params: Record<string, unknown>, build: (p: Placeholders) => Compilable<Row>) =>
    dialect.prepared.run<Row>(dialect, shape, params, build);

  return {
    async postFiles({ now, perFile }) {
      const rows = await run(`sitemap-files:${perFile}`, { now }, (p) => postFilesQuery(dialect, { now: p.now, perFile }));
      return rows
        .map((row) => ({ number: Number(row.file) + 1, urls: Number(row.urls), lastmod: row.lastmod ?? null }))
        .sort((a, b) => a.number - b.number);
    },

    async postFile({ now, perFile, number }) {
      const params = { now, offset: (number - 1) * perFile };
      const rows = await run(`sitemap-file:${perFile}`, params, (p) => postFileQuery(dialect, { now: p.now, perFile, offset: p.offset }));
      const first = rows[0];
      const last = rows[rows.length - 1];
      if (!first || !last) return undefined;
      const range = { now, fromTime: first.published_at, fromId: first.id, toTime: last.published_at, toId: last.id };
      const imageRows = await run('sitemap-file-images', range, (p) =>
        postImagesQuery(dialect, { now: p.now, from: { publishedAt: p.fromTime, id: p.fromId }, to: { publishedAt: p.toTime, id: p.toId } }),
      );
      const images = imagesByPost(imageRows);
      return rows
        .filter((row) => isIndexable(row.is_noindex))
        .map((row): SitemapPost => ({ slug: row.slug, updatedAt: row.updated_at, images: images.get(row.id) ?? [] }));
    },

    async pages({ now, limit }) {
      const [rows, [home]] = await Promise.all([
        run(`sitemap-pages:${limit}`, { now }, (p) => pagesQuery(dialect, { now: p.now, limit })),
        run('sitemap-home', { now }, (p) => homeLastmodQuery(dialect, p.now)),
      ]);
      return { homeLastmod: home?.updated_at ?? null, pages: rows.map((row) => ({ slug: row.slug, lastmod: row.updated_at })) };
    },

    async archives({ kind, now, limit }) {
      const rows = await run(`sitemap-archives:${kind}:${limit}`, { now }, (p) => archivesQuery(dialect, { kind, now: p.now, limit }));
      return rows.map((row) => ({ slug: row.slug, lastmod: row.lastmod! }));
    },

    async lastmods({ now }) {
      const [row] = await run('sitemap-lastmods', { now }, (p) => lastmodsQuery(dialect, { now: p.now }));
      return {
        home: row?.home ?? null,
        pages: row?.pages ?? null,
        category: row?.category ?? null,
        tag: row?.tag ?? null,
        author: row?.author ?? null,
      };
    },

    async news({ now, since, limit }) {
      const rows = await run(`sitemap-news:${limit}`, { now, since }, (p) => newsQuery(dialect, { now: p.now, since: p.since, limit }));
      return rows.map((row) => ({ slug: row.slug, title: row.title, publishedAt: row.published_at! }));
    },
  };
}
