import { sql, type AliasedRawBuilder, type Compilable, type Kysely, type RawBuilder } from 'kysely';
import type { Placeholders } from '../prepared.js';
import type { ArchivePage, HomePage, SitePageStore } from '../../content/store-site-pages.js';
import type { CardRow, PageDetails, PostKind, Teaser } from '../../content/types.js';
import type { BodyDocument } from '../../content/body.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson, toCategory, toMedia, toTag, toUser } from '../rows.js';
import { bySlugQuery, cardsQuery, scoped, stickyQuery } from './posts.js';
import { inUseQuery } from './people-and-terms.js';
import { whereVisible } from './teasers.js';
import { KnownRows } from '../known-rows.js';

/**
 * Each public page's data in one statement, so that a page is one round trip
 * to PostgreSQL as it is one call on SQLite: the page's own row (a
 * materialised common table expression, found once and referred to by the
 * rest), then the rows that hang off it, as one UNION ALL whose branches are
 * told apart by a `part` column. Compiled once per shape (store/prepared.ts).
 *
 * The branches select from common table expressions the query itself names,
 * which Kysely's table types cannot know; they are built on an untyped view
 * of the database, and each method reads its rows into typed values itself.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Untyped = Kysely<any>;
type Row = Record<string, unknown>;

/**
 * A union's columns in order, with their PostgreSQL types. A branch's NULL
 * for a column it does not have is cast to the type: PostgreSQL resolves a
 * union pairwise, and two untyped NULLs become text, which no integer or
 * bytea of a later branch unions with. SQLite reads the same CAST as NULL.
 */
type Columns = ReadonlyArray<readonly [name: string, type: 'integer' | 'text' | 'bytea' | 'timestamptz' | 'boolean' | 'jsonb']>;

/** A branch's select list in the union's column order. */
function padded(columns: Columns, own: Record<string, RawBuilder<unknown>>): Array<AliasedRawBuilder<unknown, string>> {
  for (const name of Object.keys(own)) if (!columns.some(([column]) => column === name)) throw new Error(`"${name}" is not a column of this union`);
  return columns.map(([name, type]) => (own[name] ?? sql`CAST(NULL AS ${sql.raw(type)})`).as(name));
}

const prefixed = (prefix: string, columns: Columns): Columns => columns.map(([name, type]) => [`${prefix}${name}`, type] as const);
const names = (columns: Columns) => columns.map(([name]) => name);

const ref = (name: string) => sql`${sql.ref(name)}`;
const part = (n: number) => sql`${sql.lit(n)}`;
const NO_BYTES = Buffer.alloc(0);

function toCard(row: Row): CardRow {
  return { id: Number(row.id), publishedAt: row.published_at as string, html: (row.html as Buffer | null) ?? NO_BYTES };
}

const PART = ['part', 'integer'] as const;
const CARD: Columns = [['id', 'integer'], ['published_at', 'timestamptz'], ['html', 'bytea']];

const ARTICLE_COLUMNS: Columns = [
  PART,
  ['id', 'integer'],
  ['kind', 'text'],
  ['category_id', 'integer'],
  ['category_name', 'text'],
  ['head_html', 'bytea'],
  ['article_html', 'bytea'],
  ['comments_html', 'bytea'],
  ['is_protected', 'boolean'],
  ['published_at', 'timestamptz'],
  ['html', 'bytea'],
  // Where the engine has row versions (dialect.rowVersion): the post row's, and whether the fragments held for it are current.
  ['version', 'text'],
  ['unchanged', 'boolean'],
];

/** The article fragments a process holds between reads, where reads revalidate them (store/known-rows.ts). */
interface ArticleFragments {
  id: number;
  headHtml: Buffer;
  articleHtml: Buffer;
  commentsHtml: Buffer;
  byteLength: number;
}
/** Enough for the articles being read now; the long tail is sent in full, as without it. */
const KNOWN_ARTICLE_BYTES = 16 * 1024 * 1024;

const MEDIA_COLUMNS: Columns = [
  ['id', 'integer'],
  ['path', 'text'],
  ['mime_type', 'text'],
  ['width', 'integer'],
  ['height', 'integer'],
  ['alt', 'text'],
  ['caption', 'text'],
  ['credit', 'text'],
  ['agency', 'text'],
  ['licence', 'text'],
  ['variant_widths', 'jsonb'],
  ['crops', 'jsonb'],
  ['created_at', 'timestamptz'],
  ['title', 'text'],
  ['original_name', 'text'],
  ['byte_size', 'integer'],
  ['uploaded_by', 'integer'],
  ['updated_at', 'timestamptz'],
];
const mediaOwn = (alias: string) => Object.fromEntries(names(MEDIA_COLUMNS).map((c) => [`m_${c}`, ref(`${alias}.${c}`)]));
const mediaOf = (row: Row) =>
  row.m_id === null || row.m_id === undefined ? null : toMedia(Object.fromEntries(names(MEDIA_COLUMNS).map((c) => [c, row[`m_${c}`]])) as Parameters<typeof toMedia>[0]);

const CATEGORY_COLUMNS: Columns = [['id', 'integer'], ['slug', 'text'], ['name', 'text'], ['description', 'text'], ['parent_id', 'integer']];

/** What each archive is of: its table, the columns its value is read from, and the picture it shows. */
const OWNERS = {
  category: { table: 'categories', columns: CATEGORY_COLUMNS, image: null },
  tag: {
    table: 'tags',
    columns: [['id', 'integer'], ['slug', 'text'], ['name', 'text'], ['kind', 'text'], ['description', 'text'], ['image_media_id', 'integer']],
    image: 'image_media_id',
  },
  author: {
    table: 'users',
    columns: [['id', 'integer'], ['slug', 'text'], ['name', 'text'], ['email', 'text'], ['bio', 'text'], ['avatar_media_id', 'integer'], ['role', 'text'], ['created_at', 'timestamptz']],
    image: 'avatar_media_id',
  },
} as const satisfies Record<string, { table: string; columns: Columns; image: string | null }>;

const HOME_COLUMNS: Columns = [PART, ['section', 'integer'], ...CARD, ['card', 'jsonb'], ...prefixed('c_', CATEGORY_COLUMNS)];
const HOME_PARTS = { sticky: 0, newest: 1, latest: 2, category: 3, section: 4 } as const;

export function sitePageQueries(dialect: SqlDialect): SitePageStore {
  const db = dialect.db as unknown as Untyped;
  const run = (shape: string, params: Record<string, unknown>, build: (p: Placeholders) => Compilable<Row>) => dialect.prepared.run<Row>(dialect, shape, params, build);
  const cardColumns = ['p.id', 'p.published_at', dialect.utf8Bytes('p.card_html').as('html')] as const;
  const knownArticles = dialect.rowVersion ? new KnownRows<ArticleFragments>(KNOWN_ARTICLE_BYTES) : undefined;
  const newestFirst = <Q extends { orderBy(ref: string, direction: 'desc'): Q }>(qb: Q) => qb.orderBy('p.published_at', 'desc').orderBy('p.id', 'desc');

  return {
    async article({ slug, now, relatedLimit }) {
      const held = knownArticles?.get(slug);
      const params = { slug, now, ...(knownArticles ? { knownId: held?.value.id ?? null, knownVersion: held?.version ?? null } : {}) };
      const rows = await run(`page:article:${relatedLimit}`, params, (p) => {
        const ownColumns = [...names(ARTICLE_COLUMNS.slice(1, 9)), ...(knownArticles ? ['version', 'unchanged'] : [])];
        const own = Object.fromEntries(ownColumns.map((c) => [c, ref(`post.${c}`)]));
        const related = newestFirst(
          whereVisible(dialect.db.selectFrom('posts as p'), p.now)
            .where('p.kind', '=', 'article')
            // The newest other stories of the section, under an article only: a page (About us) has none.
            .where('p.category_id', '=', sql<number>`(SELECT CASE WHEN kind = 'article' THEN category_id END FROM post)`)
            .where('p.id', '!=', sql<number>`(SELECT id FROM post)`)
            .select(cardColumns),
        ).limit(sql.lit(relatedLimit));
        return db
          .with((cte) => cte('post').materialized(), () => bySlugQuery(dialect, p.slug, p.now, knownArticles && { id: p.knownId, version: p.knownVersion }))
          .selectFrom('post')
          .select(padded(ARTICLE_COLUMNS, { part: part(0), ...own }))
          .unionAll(db.selectFrom(related.as('r')).select(padded(ARTICLE_COLUMNS, { part: part(1), id: ref('r.id'), published_at: ref('r.published_at'), html: ref('r.html') })));
      });
      const [row, ...related] = rows;
      if (!row || Number(row.part) !== 0) return undefined;
      const id = Number(row.id);
      let fragments: ArticleFragments;
      if (row.unchanged === true && held) {
        fragments = held.value;
      } else {
        const headHtml = (row.head_html as Buffer | null) ?? NO_BYTES;
        const articleHtml = (row.article_html as Buffer | null) ?? NO_BYTES;
        const commentsHtml = (row.comments_html as Buffer | null) ?? NO_BYTES;
        fragments = { id, headHtml, articleHtml, commentsHtml, byteLength: headHtml.length + articleHtml.length + commentsHtml.length };
        if (knownArticles && typeof row.version === 'string') knownArticles.remember(slug, row.version, fragments);
      }
      return {
        post: {
          id,
          kind: row.kind as PostKind,
          categoryId: row.category_id as number | null,
          categoryName: row.category_name as string | null,
          headHtml: fragments.headHtml,
          articleHtml: fragments.articleHtml,
          commentsHtml: fragments.commentsHtml,
          isProtected: Boolean(row.is_protected),
        },
        related: related.map(toCard),
      };
    },

    async archive({ kind, slug, now, limit, after }) {
      const owner = OWNERS[kind];
      const columns: Columns = [PART, ...prefixed('o_', owner.columns), ...prefixed('m_', MEDIA_COLUMNS), ...CARD];
      const ownerNames = names(owner.columns);
      const params = { slug, now, ...(after ? { afterTime: after.publishedAt, afterId: after.id } : {}) };
      const rows = await run(`page:${kind}:${after ? 'after' : 'first'}:${limit}`, params, (p) => {
        // The scope's id is the owner's, read from the statement's own first part.
        const ownerId = sql`(SELECT id FROM owner)` as unknown as number;
        const cards = scoped(dialect, { scope: { kind, id: ownerId }, now: p.now, after: after && { publishedAt: p.afterTime, id: p.afterId } })
          .select(cardColumns)
          .limit(sql.lit(limit));
        let head = db
          .with((cte) => cte('owner').materialized(), (q) => q.selectFrom(owner.table).select(ownerNames).where('slug', '=', p.slug))
          .selectFrom('owner as o');
        if (owner.image) head = head.leftJoin('media as m', 'm.id', `o.${owner.image}`);
        const ownerColumns = Object.fromEntries(ownerNames.map((c) => [`o_${c}`, ref(`o.${c}`)]));
        return head
          .select(padded(columns, { part: part(0), ...ownerColumns, ...(owner.image ? mediaOwn('m') : {}) }))
          .unionAll(db.selectFrom(cards.as('c')).select(padded(columns, { part: part(1), id: ref('c.id'), published_at: ref('c.published_at'), html: ref('c.html') })));
      });
      const [row, ...cards] = rows;
      if (!row || Number(row.part) !== 0) return undefined;
      const value = Object.fromEntries(names(owner.columns).map((c) => [c, row[`o_${c}`]]));
      const found: ArchivePage['owner'] =
        kind === 'category'
          ? { kind, category: toCategory(value as Parameters<typeof toCategory>[0]) }
          : kind === 'tag'
            ? { kind, tag: toTag(value as Parameters<typeof toTag>[0]) }
            : { kind, user: toUser(value as Parameters<typeof toUser>[0]) };
      return { owner: found, image: mediaOf(row), cards: cards.map(toCard) };
    },

    async home({ now, stickyLimit, limit, sectionCount, sectionSize }) {
      const shape = `page:home:${stickyLimit}:${limit}:${sectionCount}:${sectionSize}`;
      const rows = await run(shape, { now }, (p) => {
        const teaserColumns = ['p.id', 'p.published_at', 'p.card', dialect.utf8Bytes('p.card_html').as('html')] as const;
        const sticky = stickyQuery(dialect, { now: p.now, limit: stickyLimit }).select(teaserColumns);
        const newest = newestFirst(whereVisible(dialect.db.selectFrom('posts as p'), p.now).where('p.kind', '=', 'article').select(teaserColumns)).limit(sql.lit(1));
        const latest = cardsQuery(dialect, { scope: { kind: 'all' }, now: p.now, limit });
        const card = (n: number, alias: string, withTeaser: boolean) =>
          padded(HOME_COLUMNS, {
            part: part(n),
            id: ref(`${alias}.id`),
            published_at: ref(`${alias}.published_at`),
            html: ref(`${alias}.html`),
            ...(withTeaser ? { card: ref(`${alias}.card`) } : {}),
          });
        let union = db
          .with((cte) => cte('cats').materialized(), () => inUseQuery(dialect, sectionCount))
          .selectFrom(sticky.as('s'))
          .select(card(HOME_PARTS.sticky, 's', true))
          .unionAll(db.selectFrom(newest.as('n')).select(card(HOME_PARTS.newest, 'n', true)))
          .unionAll(db.selectFrom(latest.as('l')).select(card(HOME_PARTS.latest, 'l', false)))
          .unionAll(
            db
              .selectFrom('cats')
              .select(padded(HOME_COLUMNS, { part: part(HOME_PARTS.category), ...Object.fromEntries(names(CATEGORY_COLUMNS).map((c) => [`c_${c}`, ref(`cats.${c}`)])) })),
          );
        for (let k = 0; k < sectionCount; k++) {
          // The k-th section in the order the categories were chosen: a constant for the index seek, on both engines.
          const sectionId = sql<number>`(SELECT id FROM cats ORDER BY latest DESC, name LIMIT 1 OFFSET ${sql.lit(k)})`;
          const posts = newestFirst(
            whereVisible(dialect.db.selectFrom('posts as p'), p.now).where('p.kind', '=', 'article').where('p.category_id', '=', sectionId).select(cardColumns),
          ).limit(sql.lit(sectionSize));
          union = union.unionAll(
            db.selectFrom(posts.as(`s${k}`)).select(padded(HOME_COLUMNS, { part: part(HOME_PARTS.section), section: part(k), id: ref(`s${k}.id`), published_at: ref(`s${k}.published_at`), html: ref(`s${k}.html`) })),
          );
        }
        return union;
      });
      return homePage(rows);
    },

    async document({ slug, now }) {
      const columns: Columns = [PART, ['id', 'integer'], ['card', 'jsonb'], ['page', 'jsonb'], ['body', 'jsonb'], ['is_protected', 'boolean'], ['comments_html', 'text'], ...prefixed('m_', MEDIA_COLUMNS)];
      const rows = await run('page:document', { slug, now }, (p) => {
        const doc = whereVisible(dialect.db.selectFrom('posts as p'), p.now)
          .where('p.slug', '=', p.slug)
          .select(['p.id', 'p.card', 'p.page', 'p.body', sql<boolean>`p.password IS NOT NULL`.as('is_protected')])
          // A protected post's comments wait for its password, as its page's do.
          .select(sql<string>`CASE WHEN p.password IS NULL THEN p.comments_html ELSE '' END`.as('comments_html'));
        const own = Object.fromEntries(['id', 'card', 'page', 'body', 'is_protected', 'comments_html'].map((c) => [c, ref(`doc.${c}`)]));
        return db
          .with((cte) => cte('doc').materialized(), () => doc)
          .selectFrom('doc')
          .select(padded(columns, { part: part(0), ...own }))
          .unionAll(
            // The pictures the post shows (its body's and its featured one), as its save recorded them.
            db
              .selectFrom('media as m')
              .where('m.id', 'in', sql`(SELECT media_id FROM post_media WHERE post_id = (SELECT id FROM doc))`)
              .select(padded(columns, { part: part(1), ...mediaOwn('m') })),
          );
      });
      const [row, ...media] = rows;
      if (!row || Number(row.part) !== 0) return undefined;
      return {
        post: { id: Number(row.id), ...fromJson<Omit<Teaser, 'id'>>(row.card), ...fromJson<PageDetails>(row.page) },
        body: fromJson<BodyDocument>(row.body),
        isProtected: Boolean(row.is_protected),
        commentsHtml: String(row.comments_html ?? ''),
        media: media.map((m) => mediaOf(m)!),
      };
    },
  };
}

function homePage(rows: Row[]): HomePage {
  const teaserOf = (row: Row): Teaser => ({ id: Number(row.id), ...fromJson<Omit<Teaser, 'id'>>(row.card) });
  const of = (n: number) => rows.filter((row) => Number(row.part) === n);
  const categories = of(HOME_PARTS.category).map((row) => toCategory(Object.fromEntries(names(CATEGORY_COLUMNS).map((c) => [c, row[`c_${c}`]])) as Parameters<typeof toCategory>[0]));
  const sections = new Map<number, CardRow[]>(categories.map((c) => [c.id, []]));
  for (const row of of(HOME_PARTS.section)) {
    const category = categories[Number(row.section)];
    if (category) sections.get(category.id)!.push(toCard(row));
  }
  const [newest] = of(HOME_PARTS.newest);
  return {
    top: { sticky: of(HOME_PARTS.sticky).map((row) => ({ ...toCard(row), teaser: teaserOf(row) })), newest: newest && teaserOf(newest) },
    categories,
    natural: of(HOME_PARTS.latest).map(toCard),
    sections,
  };
}
