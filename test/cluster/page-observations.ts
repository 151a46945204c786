import { createHash } from 'node:crypto';
import { load } from 'cheerio/slim';
import type { Observation } from './edit-history.js';
import { markersIn, subjectOf, type PostVisibility, type RedirectState, type SiteModel, type SitePost } from './site-under-edit.js';
import { REFERENCE_SLUG } from '../helpers/cli-process.js';

/**
 * What a public page shows of the site under edit, read the way a reader's
 * software reads it: HTML through a real parser (cheerio on htmlparser2),
 * feeds and sitemaps as XML, the REST API as JSON. Marked text (titles,
 * bodies, tag names, captions) is read wherever it appears, head and
 * structured data included, since each of those is rendered with the edit
 * that changed it; the site title is read where the page shows it live (the
 * masthead, the feed's channel, the API's index), because the copy in an
 * article's stored head is re-rendered by a background job by design.
 */

export type PageRole =
  | { kind: 'article'; post?: SitePost; isAmp: boolean }
  | { kind: 'home' }
  | { kind: 'tag'; tagIndex: number }
  | { kind: 'author' }
  | { kind: 'feed' }
  | { kind: 'wp-index' }
  | { kind: 'wp-posts' }
  | { kind: 'wp-tags' }
  | { kind: 'sitemap' }
  | { kind: 'redirect'; index: number; target: string };

/** Every public address the readers fetch, with what it is. */
export function publicPages(site: SiteModel): Map<string, PageRole> {
  const pages = new Map<string, PageRole>([
    ['/', { kind: 'home' }],
    ['/feed/', { kind: 'feed' }],
    ['/wp-json/', { kind: 'wp-index' }],
    ['/wp-json/wp/v2/posts?per_page=50', { kind: 'wp-posts' }],
    ['/wp-json/wp/v2/tags?per_page=50', { kind: 'wp-tags' }],
    ['/sitemap-posts-1.xml', { kind: 'sitemap' }],
    [`/author/${site.coAuthor.slug}/`, { kind: 'author' }],
    [`/${REFERENCE_SLUG}/`, { kind: 'article', isAmp: false }],
  ]);
  for (const post of site.posts) {
    pages.set(`/${post.slug}/`, { kind: 'article', post, isAmp: false });
    pages.set(`/${post.slug}/amp/`, { kind: 'article', post, isAmp: true });
  }
  for (const tag of site.tags) pages.set(`/tag/${tag.slug}/`, { kind: 'tag', tagIndex: tag.index });
  for (const redirect of site.redirects) pages.set(redirect.path, { kind: 'redirect', index: redirect.index, target: redirect.target });
  return pages;
}

export interface Shown {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The body, decoded from the coding it came in. */
  text: string;
}

const publication = (post: SitePost, isListed: boolean, where: string): Observation<PostVisibility> => ({
  subject: `post:${post.index}`,
  shows: `post ${post.index} ${isListed ? 'listed' : 'not listed'} on ${where}`,
  matches: (state) => state.isPublished === isListed,
});

/** The subjects a page shows, and what is wrong with it whatever the edits (a secret shown, an unexpected status). */
export function observe(site: SiteModel, role: PageRole, shown: Shown): { observations: Observation[]; problems: string[] } {
  const observations: Observation[] = [];
  const problems: string[] = [];
  const { status, text } = shown;
  // Each marked text once, however many times the page repeats it (heading, head, structured data).
  const seen = new Set<string>();
  for (const marker of markersIn(site, text)) {
    if (seen.has(marker.text)) continue;
    seen.add(marker.text);
    if (marker.kind === 'X') problems.push(`shows the secret ${marker.text}`);
    else if (marker.kind !== 'S') observations.push({ subject: subjectOf(marker.kind, marker.index), shows: marker.text, matches: (state) => state === marker.version });
  }
  const siteTitle = (where: string) => {
    const found = markersIn(site, where).filter((marker) => marker.kind === 'S');
    if (found.length === 0) problems.push(`shows no site title marker in "${where.slice(0, 80)}"`);
    for (const marker of found) observations.push({ subject: 'site', shows: `site title ${marker.text}`, matches: (state) => state === marker.version });
  };
  const listing = (slugs: Set<string>, where: string, posts: readonly SitePost[], isListed: (state: PostVisibility, listed: boolean) => boolean = (state, listed) => state.isPublished === listed) => {
    for (const post of posts) {
      const listed = slugs.has(post.slug);
      observations.push({ subject: `post:${post.index}`, shows: `post ${post.index} ${listed ? 'listed' : 'not listed'} on ${where}`, matches: (state: PostVisibility) => isListed(state, listed) });
    }
  };
  const slugOf = (href: string) => /^\/([^/?#]+)\/$/.exec(new URL(href, 'http://site.invalid').pathname)?.[1];
  const expect = (allowed: number[]) => {
    if (!allowed.includes(status)) problems.push(`answered ${status}`);
    return allowed.includes(status);
  };

  switch (role.kind) {
    case 'article': {
      if (!role.post) {
        if (expect([200])) siteTitle(load(text)('.brand').text());
        break;
      }
      const post = role.post;
      if (status === 404) {
        observations.push({ subject: `post:${post.index}`, shows: `post ${post.index} answering 404`, matches: (state: PostVisibility) => !state.isPublished });
        break;
      }
      // An AMP address whose post is not found leads to the post's page when the post is published by the time the old address is looked up.
      if (role.isAmp && status === 301 && shown.headers.location === `/${post.slug}/`) {
        observations.push({ subject: `post:${post.index}`, shows: `post ${post.index}'s AMP address leading to its page`, matches: (state: PostVisibility) => state.isPublished });
        break;
      }
      if (!expect([200])) break;
      const $ = load(text);
      siteTitle($('.brand').first().text());
      const isCredited = $('.byline').first().text().includes(site.coAuthor.name);
      observations.push({
        subject: `post:${post.index}`,
        shows: `post ${post.index} published${isCredited ? ', crediting' : ', not crediting'} ${site.coAuthor.name}`,
        matches: (state: PostVisibility) => state.isPublished && state.isCredited === isCredited,
      });
      // The other stories of its section under it: each must still be published.
      for (const link of $('.related a[href]').toArray()) {
        const other = site.posts.find((one) => one.slug === slugOf($(link).attr('href')!));
        if (other) observations.push(publication(other, true, `the related stories of post ${post.index}`));
      }
      break;
    }
    case 'home':
    case 'tag':
    case 'author': {
      const where = role.kind === 'home' ? 'the home page' : role.kind === 'tag' ? `tag ${role.tagIndex}'s archive` : `${site.coAuthor.name}'s archive`;
      // An author with nothing published has no archive.
      if (role.kind === 'author' && status === 404) {
        listing(new Set(), where, site.posts, (state, listed) => (state.isPublished && state.isCredited) === listed);
        break;
      }
      if (!expect([200])) break;
      const $ = load(text);
      siteTitle($('.brand').first().text());
      const slugs = new Set($('main a[href]').toArray().flatMap((link) => slugOf($(link).attr('href')!) ?? []));
      if (role.kind === 'home') listing(slugs, where, site.posts);
      else if (role.kind === 'tag') listing(slugs, where, site.posts.filter((post) => post.tagIndex === role.tagIndex));
      else listing(slugs, where, site.posts, (state, listed) => (state.isPublished && state.isCredited) === listed);
      break;
    }
    case 'feed': {
      if (!expect([200])) break;
      const $ = load(text, { xml: true });
      siteTitle($('channel > title').first().text());
      listing(new Set($('item > link').toArray().flatMap((link) => slugOf($(link).text()) ?? [])), 'the feed', site.posts);
      break;
    }
    case 'sitemap': {
      if (!expect([200])) break;
      const $ = load(text, { xml: true });
      listing(new Set($('url > loc').toArray().flatMap((loc) => slugOf($(loc).text()) ?? [])), 'the posts sitemap', site.posts);
      break;
    }
    case 'wp-index':
      if (expect([200])) siteTitle(String(JSON.parse(text).name));
      break;
    case 'wp-posts':
      if (expect([200])) listing(new Set((JSON.parse(text) as Array<{ slug: string }>).map((post) => post.slug)), 'the REST API', site.posts);
      break;
    case 'wp-tags':
      expect([200]);
      break;
    case 'redirect': {
      if (!expect([301, 404])) break;
      const isActive = status === 301;
      if (isActive && shown.headers.location !== role.target) problems.push(`redirects to ${shown.headers.location}, not ${role.target}`);
      observations.push({ subject: `redirect:${role.index}`, shows: `${isActive ? 'a' : 'no'} redirect from its old address`, matches: (state: RedirectState) => state.isActive === isActive });
      break;
    }
  }
  return { observations, problems };
}

/**
 * What every kept answer must carry whatever the edits: `Vary:
 * Accept-Encoding`, a public Cache-Control, the coding asked for, and a
 * strong ETag that names the bytes (the SHA-1 of the page as rendered, with
 * `-br` or `-gz` for a compressed coding), so two readers holding the same
 * ETag hold the same page.
 */
export function transportProblems(shown: Shown, input: { acceptEncoding: string | undefined; bytes: Buffer }): string[] {
  const problems: string[] = [];
  const header = (name: string) => {
    const value = shown.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
  };
  const coding = header('content-encoding');
  const accepted = (input.acceptEncoding ?? '').split(',').map((one) => one.trim());
  if (coding && !accepted.includes(coding)) problems.push(`came as ${coding}, which the request did not accept`);
  if (shown.status !== 200) return problems;
  if (!/accept-encoding/i.test(header('vary') ?? '')) problems.push(`has Vary "${header('vary')}"`);
  if (!/\bpublic\b/.test(header('cache-control') ?? '')) problems.push(`has Cache-Control "${header('cache-control')}"`);
  const etag = header('etag');
  // A SHA-1 in base64url is 27 characters, so a suffix is never mistaken for the hash's own end.
  const parsed = etag === undefined ? undefined : /^"([A-Za-z0-9_-]{27})(?:-(br|gz))?"$/.exec(etag);
  if (!parsed) {
    problems.push(`has no strong ETag (${etag})`);
    return problems;
  }
  const suffix = { br: 'br', gzip: 'gz' }[coding ?? ''];
  if (parsed[2] !== suffix) problems.push(`has ETag ${etag} for the coding ${coding ?? 'identity'}`);
  const hash = createHash('sha1').update(input.bytes).digest('base64url');
  if (parsed[1] !== hash) problems.push(`has ETag ${etag}, but its bytes hash to ${hash}`);
  return problems;
}
