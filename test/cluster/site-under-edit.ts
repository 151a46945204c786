import { randomBytes } from 'node:crypto';
import { REFERENCE_SLUG } from '../helpers/cli-process.js';
import type { EditHistory } from './edit-history.js';
import type { Cluster } from './harness.js';
import type { Answer, Newsroom } from './http.js';

/**
 * The site the consistency test edits, built through the newsroom API as a
 * newsroom would: posts in two sections, each with a tag and a picture from
 * the demo's library, a second author to credit, and old addresses that
 * redirects will claim. Everything an edit changes carries a marker naming
 * the thing and its version (`QT3V17Nab12c`: the title of post 3, its 17th
 * version, this run), so a page read says exactly which version it shows.
 */

/** The letter of each kind of marked text; `X` marks secrets that no anonymous reader may ever see. */
export const MARKS = { title: 'T', body: 'B', tag: 'G', caption: 'C', site: 'S', secret: 'X' } as const;
type MarkKind = (typeof MARKS)[keyof typeof MARKS];

export interface PostVisibility {
  isPublished: boolean;
  /** The second author is credited as well as the first. */
  isCredited: boolean;
}

/** Whether an old address's redirect is there. */
export interface RedirectState {
  isActive: boolean;
}

export interface SitePost {
  index: number;
  id: number;
  slug: string;
  tagIndex: number;
  mediaIndex: number;
  /** The revision the next save names (the newsroom refuses a save from an older one). */
  revision: number;
}

export interface SiteModel {
  nonce: string;
  adminId: number;
  coAuthor: { id: number; slug: string; name: string };
  posts: SitePost[];
  tags: Array<{ index: number; id: number; slug: string }>;
  media: Array<{ index: number; id: number }>;
  redirects: Array<{ index: number; path: string; target: string; id?: number }>;
  /** A draft and a protected post whose markers no anonymous reader may see. */
  secrets: { draftId: number; draftMarker: string; protectedId: number; protectedSlug: string; protectedMarker: string; password: string };
}

export function markerOf(input: { nonce: string; kind: MarkKind; index: number; version: number }): string {
  return `Q${input.kind}${input.index}V${input.version}N${input.nonce}`;
}

/** Every marker of this run in a text: its kind, the thing's index and the version. */
export function markersIn(site: Pick<SiteModel, 'nonce'>, text: string): Array<{ kind: MarkKind; index: number; version: number; text: string }> {
  const found = [];
  for (const match of text.matchAll(new RegExp(`Q([TBGCSX])(\\d+)V(\\d+)N${site.nonce}`, 'g'))) {
    found.push({ kind: match[1] as MarkKind, index: Number(match[2]), version: Number(match[3]), text: match[0] });
  }
  return found;
}

/** The history subject a marker belongs to. */
export function subjectOf(kind: MarkKind, index: number): string {
  return { T: `title:${index}`, B: `body:${index}`, G: `tag:${index}`, C: `caption:${index}`, S: 'site', X: `secret:${index}` }[kind];
}

const body = (text: string, mediaId: number) => [
  { type: 'paragraph', content: [{ text }] },
  { type: 'image', media: mediaId },
];

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<any> {
  const settled = await answer;
  if (settled.status !== status) throw new Error(`${what} answered ${settled.status}: ${settled.text().slice(0, 500)}`);
  return settled.status === 204 ? undefined : settled.json();
}

/** Builds the site and records each thing's first version in `history`. */
export async function buildSite(input: { cluster: Cluster; staff: Newsroom; history: EditHistory; postCount: number; staffEmail: string; coAuthorEmail: string }): Promise<SiteModel> {
  const { cluster, staff, history } = input;
  const nonce = randomBytes(4).toString('hex');
  const site = { nonce } as SiteModel;
  const mark = (kind: MarkKind, index: number, version: number) => markerOf({ nonce, kind, index, version });
  const [admin] = await cluster.sql<{ id: number }>('SELECT id FROM users WHERE email = $1', [input.staffEmail]);
  const [coAuthor] = await cluster.sql<{ id: number; slug: string; name: string }>('SELECT id, slug, name FROM users WHERE email = $1', [input.coAuthorEmail]);
  site.adminId = admin!.id;
  site.coAuthor = coAuthor!;

  const desk = await expectStatus(staff.call('POST', '/categories', { name: `Desk ${nonce}`, slug: `desk-${nonce}` }), 201, 'creating a section');
  const [celebrity] = await cluster.sql<{ id: number }>(`SELECT id FROM categories WHERE slug = 'celebrity'`);
  const sections = [celebrity!.id, desk.category.id as number];

  site.tags = [];
  for (let index = 0; index < 3; index++) {
    const name = `Tag ${mark(MARKS.tag, index, 0)}`;
    const { tag } = await expectStatus(staff.call('POST', '/tags', { name, slug: `cc-${nonce}-g${index}` }), 201, 'creating a tag');
    site.tags.push({ index, id: tag.id, slug: tag.slug });
    history.settle({ subject: subjectOf(MARKS.tag, index), state: 0, edit: `tag ${index} created` });
  }

  // The demo's pictures (the logo aside): shown by the reference article too, so a caption edit re-renders it as well.
  const pictures = await cluster.sql<{ id: number }>(`SELECT id FROM media WHERE id <> (SELECT MIN(id) FROM media) ORDER BY id LIMIT 3`);
  site.media = [];
  for (const [index, picture] of pictures.entries()) {
    await expectStatus(staff.call('PATCH', `/media/${picture.id}`, { caption: `Caption ${mark(MARKS.caption, index, 0)}` }), 200, 'captioning a picture');
    site.media.push({ index, id: picture.id });
    history.settle({ subject: subjectOf(MARKS.caption, index), state: 0, edit: `picture ${index} captioned` });
  }

  await expectStatus(staff.call('PATCH', '/settings', { title: `Gazette ${mark(MARKS.site, 0, 0)}` }), 200, 'titling the site');
  history.settle({ subject: 'site', state: 0, edit: 'site titled' });

  site.posts = [];
  for (let index = 0; index < input.postCount; index++) {
    const tagIndex = index % site.tags.length;
    const mediaIndex = index % site.media.length;
    const created = await expectStatus(
      staff.call('POST', '/posts', {
        title: `Story ${mark(MARKS.title, index, 0)}`,
        slug: `cc-${nonce}-p${index}`,
        body: body(`Body ${mark(MARKS.body, index, 0)}`, site.media[mediaIndex]!.id),
        categoryId: sections[index % sections.length],
        tagIds: [site.tags[tagIndex]!.id],
      }),
      201,
      'starting a post',
    );
    const published = await expectStatus(staff.call('POST', `/posts/${created.post.id}/approve`, { revision: created.post.revision }), 200, 'publishing a post');
    site.posts.push({ index, id: created.post.id, slug: created.post.slug, tagIndex, mediaIndex, revision: published.post.revision });
    history.settle({ subject: subjectOf(MARKS.title, index), state: 0, edit: `post ${index} created` });
    history.settle({ subject: subjectOf(MARKS.body, index), state: 0, edit: `post ${index} created` });
    history.settle<PostVisibility>({ subject: `post:${index}`, state: { isPublished: true, isCredited: false }, edit: `post ${index} published` });
  }

  site.redirects = Array.from({ length: 12 }, (_, index) => ({ index, path: `/old/2019/05/gone-${nonce}-${index}/`, target: `/${site.posts[index % site.posts.length]!.slug}/` }));
  for (const redirect of site.redirects) history.settle({ subject: `redirect:${redirect.index}`, state: { isActive: false }, edit: `no redirect ${redirect.index}` });

  // The secrets: a draft, and a published post behind a password.
  const draftMarker = mark(MARKS.secret, 1, 0);
  const draft = await expectStatus(
    staff.call('POST', '/posts', { title: `Draft ${draftMarker}`, slug: `cc-${nonce}-draft`, body: body(`Embargoed ${draftMarker}`, site.media[0]!.id), tagIds: [site.tags[0]!.id] }),
    201,
    'starting the draft',
  );
  const protectedMarker = mark(MARKS.secret, 2, 0);
  const locked = await expectStatus(
    staff.call('POST', '/posts', { title: 'Members only', slug: `cc-${nonce}-locked`, body: body(`Only for members ${protectedMarker}`, site.media[1]!.id) }),
    201,
    'starting the protected post',
  );
  const password = `pass-${nonce}`;
  await expectStatus(staff.call('PUT', `/posts/${locked.post.id}/access`, { password, isSticky: false }), 200, 'protecting the post');
  await expectStatus(staff.call('POST', `/posts/${locked.post.id}/approve`, {}), 200, 'publishing the protected post');
  site.secrets = { draftId: draft.post.id, draftMarker, protectedId: locked.post.id, protectedSlug: locked.post.slug, protectedMarker, password };
  return site;
}

/** One edit, ready to send: what it changes, to what, and the pages that show it. */
export interface Edit {
  kind: EditKind;
  subject: string;
  state: unknown;
  describe: string;
  send(staff: Newsroom): Promise<Answer>;
  /** Reads what the answer says the next edit needs (a post's new revision, a redirect's id). */
  settle(answer: Answer): void;
  /** The pages that show the change, the most direct first. */
  pages: string[];
}

export const EDIT_KINDS = ['title', 'body', 'publication', 'credit', 'tag', 'caption', 'site', 'redirect'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];
/** How often each kind comes up, for an editor that owns something of it. */
const WEIGHTS: Record<EditKind, number> = { title: 20, body: 10, publication: 16, credit: 8, tag: 12, caption: 12, site: 8, redirect: 12 };

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** The addresses showing a post: its page and AMP page, the listings and the REST API. */
function postPages(site: SiteModel, post: SitePost): string[] {
  return [`/${post.slug}/`, `/${post.slug}/amp/`, '/', '/feed/', `/tag/${site.tags[post.tagIndex]!.slug}/`, '/wp-json/wp/v2/posts?per_page=50', '/sitemap-posts-1.xml'];
}

/**
 * A random edit by editor `editor` of `editors`: each owns every third
 * post, tag, picture and redirect (the site title is the first one's), so
 * each thing's edits are made one after another and its newest state is its
 * last acknowledged one, while edits of different things overlap.
 */
export function randomEdit(input: { site: SiteModel; history: EditHistory; editor: number; editors: number }): Edit {
  const { site, history, editor, editors } = input;
  const owned = <T extends { index: number }>(items: readonly T[]) => items.filter((item) => item.index % editors === editor);
  const posts = owned(site.posts);
  const hasPosts = posts.length > 0;
  const owns: Record<EditKind, boolean> = {
    title: hasPosts,
    body: hasPosts,
    publication: hasPosts,
    credit: hasPosts,
    tag: owned(site.tags).length > 0,
    caption: owned(site.media).length > 0,
    site: editor === 0,
    redirect: owned(site.redirects).length > 0,
  };
  const kinds = EDIT_KINDS.filter((kind) => owns[kind]);
  const total = kinds.reduce((sum, kind) => sum + WEIGHTS[kind], 0);
  let roll = Math.random() * total;
  const kind = kinds.find((one) => (roll -= WEIGHTS[one]) < 0) ?? kinds[0]!;
  const nextVersion = (subject: string) => history.count(subject);
  const mark = (kind: MarkKind, index: number, version: number) => markerOf({ nonce: site.nonce, kind, index, version });
  const savePost = (post: SitePost, changes: Record<string, unknown>) => (staff: Newsroom) => staff.call('PUT', `/posts/${post.id}`, { revision: post.revision, ...changes });
  const keepRevision = (post: SitePost) => (answer: Answer) => {
    post.revision = answer.json().post.revision;
  };

  switch (kind) {
    case 'title':
    case 'body': {
      const post = pick(posts);
      const letter = kind === 'title' ? MARKS.title : MARKS.body;
      const subject = subjectOf(letter, post.index);
      const version = nextVersion(subject);
      const marker = mark(letter, post.index, version);
      const changes = kind === 'title' ? { title: `Story ${marker}` } : { body: body(`Body ${marker}`, site.media[post.mediaIndex]!.id) };
      const pages = postPages(site, post);
      return { kind, subject, state: version, describe: `${kind} of post ${post.index} → ${marker}`, send: savePost(post, changes), settle: keepRevision(post), pages: kind === 'title' ? pages : [pages[0]!, pages[1]!, '/feed/'] };
    }
    case 'publication': {
      const post = pick(posts);
      const subject = `post:${post.index}`;
      const now = history.latest<PostVisibility>(subject);
      const state: PostVisibility = { ...now, isPublished: !now.isPublished };
      const step = now.isPublished ? 'unpublish' : 'approve';
      return {
        kind,
        subject,
        state,
        describe: `${now.isPublished ? 'unpublish' : 'publish'} post ${post.index}`,
        send: (staff) => staff.call('POST', `/posts/${post.id}/${step}`, { revision: post.revision }),
        settle: keepRevision(post),
        pages: [...postPages(site, post), `/author/${site.coAuthor.slug}/`],
      };
    }
    case 'credit': {
      const post = pick(posts);
      const subject = `post:${post.index}`;
      const now = history.latest<PostVisibility>(subject);
      const state: PostVisibility = { ...now, isCredited: !now.isCredited };
      const authorIds = state.isCredited ? [site.adminId, site.coAuthor.id] : [site.adminId];
      return { kind, subject, state, describe: `${state.isCredited ? 'credit' : 'uncredit'} ${site.coAuthor.name} on post ${post.index}`, send: savePost(post, { authorIds }), settle: keepRevision(post), pages: [`/author/${site.coAuthor.slug}/`, `/${post.slug}/`, `/${post.slug}/amp/`] };
    }
    case 'tag': {
      const tag = pick(owned(site.tags));
      const subject = subjectOf(MARKS.tag, tag.index);
      const version = nextVersion(subject);
      const marker = mark(MARKS.tag, tag.index, version);
      const showing = site.posts.filter((post) => post.tagIndex === tag.index).map((post) => `/${post.slug}/`);
      return { kind, subject, state: version, describe: `rename tag ${tag.index} → ${marker}`, send: (staff) => staff.call('PATCH', `/tags/${tag.id}`, { name: `Tag ${marker}` }), settle: () => undefined, pages: [`/tag/${tag.slug}/`, ...showing, '/feed/', '/wp-json/wp/v2/tags?per_page=50'] };
    }
    case 'caption': {
      const picture = pick(owned(site.media));
      const subject = subjectOf(MARKS.caption, picture.index);
      const version = nextVersion(subject);
      const marker = mark(MARKS.caption, picture.index, version);
      const showing = site.posts.filter((post) => post.mediaIndex === picture.index).flatMap((post) => [`/${post.slug}/`, `/${post.slug}/amp/`]);
      return { kind, subject, state: version, describe: `caption picture ${picture.index} → ${marker}`, send: (staff) => staff.call('PATCH', `/media/${picture.id}`, { caption: `Caption ${marker}` }), settle: () => undefined, pages: [...showing, `/${REFERENCE_SLUG}/`, '/feed/'] };
    }
    case 'site': {
      const version = nextVersion('site');
      const marker = mark(MARKS.site, 0, version);
      return { kind, subject: 'site', state: version, describe: `site title → ${marker}`, send: (staff) => staff.call('PATCH', '/settings', { title: `Gazette ${marker}` }), settle: () => undefined, pages: ['/', `/${pick(site.posts).slug}/`, '/feed/', '/wp-json/'] };
    }
    case 'redirect': {
      const redirect = pick(owned(site.redirects));
      const subject = `redirect:${redirect.index}`;
      const isActive = history.latest<RedirectState>(subject).isActive;
      return {
        kind,
        subject,
        state: { isActive: !isActive } satisfies RedirectState,
        describe: `${isActive ? 'delete' : 'create'} the redirect from ${redirect.path}`,
        send: (staff) => (isActive ? staff.call('DELETE', `/redirects/${redirect.id}`) : staff.call('POST', '/redirects', { fromPath: redirect.path, toPath: redirect.target })),
        settle: (answer) => {
          redirect.id = isActive ? undefined : answer.json().redirect.id;
        },
        pages: [redirect.path],
      };
    }
  }
}
