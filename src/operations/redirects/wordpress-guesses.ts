import { oldPathParts } from '../../content/old-paths.js';
import { feedUrl, pageUrl, urls, type FeedFormat } from '../../render/urls.js';
import type { OperationContext } from '../context.js';
import { findMovedArchive } from '../taxonomy/moved-archive.js';

/**
 * WordPress's own guesses, for old addresses the redirects table does not
 * name: it found a post by the last part of any permalink structure, so old
 * links of every shape a site ever used reached the post. Each guess answers
 * with an address of ours, always for good (301); undefined when nothing fits
 * and the reader gets a 404.
 *
 * Date archives (`/2019/`, `/2019/05/`) have nothing to lead to here, and a
 * redirect to the home page would be a 404 in disguise; they stay 404.
 */

const FEED_TYPES: ReadonlyMap<string, FeedFormat> = new Map([
  ['rss2', 'rss'],
  ['rss', 'rss'],
  ['rdf', 'rss'],
  ['atom', 'atom'],
]);
/** What WordPress adds to a post's address: its trackback, embed and mobile versions, a page of its comments. */
const POST_ENDPOINTS = /^(?:amp|embed|trackback|comment-page-\d+)$/;
const NUMBER = /^\d+$/;

interface Guess {
  context: OperationContext;
  now: string;
}

export async function guessOldAddress(context: OperationContext, input: { key: string; now: string }): Promise<string | undefined> {
  const { segments, query } = oldPathParts(input.key);
  const guess = { context, now: input.now };
  if (query.size === 0) return fromPath(guess, segments);
  return segments.length === 0 && query.size === 1 ? fromQuery(guess, [...query][0]!) : undefined;
}

async function post({ context, now }: Guess, slug: string | undefined): Promise<string | undefined> {
  if (!slug) return undefined;
  const found = await context.store.redirects.findPublicPostSlug({ slug: slug.toLowerCase(), now });
  return found === undefined ? undefined : urls.post(found);
}

/** `/?feed=rss2`, `/?paged=2`, `/?name=slug`, `/?pagename=parent/child`, `/?tag=slug`; WordPress IDs (`?p=`, `?cat=`) only the table knows. */
async function fromQuery(guess: Guess, [name, value]: [string, string]): Promise<string | undefined> {
  switch (name) {
    case 'feed':
      return feedUrl('/', FEED_TYPES.get(value) ?? 'rss');
    case 'paged':
      return NUMBER.test(value) && Number(value) >= 1 ? pageUrl('/', Number(value)) : undefined;
    case 'name':
      return post(guess, value);
    case 'pagename':
      return post(guess, value.split('/').filter(Boolean).at(-1));
    case 'tag': {
      const tag = await guess.context.store.tags.findBySlug(value.toLowerCase());
      return tag && urls.tag(tag.slug);
    }
    default:
      return undefined;
  }
}

async function fromPath(guess: Guess, segments: string[]): Promise<string | undefined> {
  const rest = [...segments];
  let feed: FeedFormat | undefined;
  let isEndpoint = false;
  const last = rest.at(-1) ?? '';
  if (last === 'feed') {
    feed = 'rss';
    rest.pop();
  } else if (rest.at(-2) === 'feed' && FEED_TYPES.has(last)) {
    feed = FEED_TYPES.get(last);
    rest.splice(-2);
  } else if (POST_ENDPOINTS.test(last)) {
    isEndpoint = true;
    rest.pop();
  }
  if (rest.length === 0) return undefined;
  // The site's comment feed: the nearest thing we have is the site's feed.
  if (feed && rest.length === 1 && rest[0] === 'comments') return feedUrl('/', 'rss');
  if (rest[0] === 'category') return category(guess, rest, feed);
  // Tag and author archives are flat; their own routes have answered.
  if (rest[0] === 'tag' || rest[0] === 'author') return undefined;
  // A post split into pages: /slug/2/.
  if (rest.length >= 2 && NUMBER.test(rest.at(-1)!) && !NUMBER.test(rest.at(-2)!)) rest.pop();
  if (rest.every((segment) => NUMBER.test(segment))) return undefined;
  // `/slug/` alone reached the article route, which tried the post and its old slugs already.
  if (rest.length < 2 && !feed && !isEndpoint) return undefined;
  // A post's comment feed, trackback or embed leads to the post: its comments are on its page.
  return post(guess, rest.at(-1));
}

/** `/category/parent/child/` (WordPress nests a category's address under its parents'): ours is `/category/child/`. */
async function category({ context }: Guess, rest: string[], feed: FeedFormat | undefined): Promise<string | undefined> {
  let page = 1;
  if (rest.length > 2 && rest.at(-2) === 'page' && NUMBER.test(rest.at(-1)!)) {
    page = Number(rest.at(-1));
    rest.splice(-2);
  }
  const slug = rest.at(-1)!.toLowerCase();
  if (rest.length < 3) return undefined;
  const found = (await context.store.categories.findBySlug(slug))?.slug ?? (await findMovedArchive(context, 'category', slug));
  if (found === undefined) return undefined;
  const base = urls.category(found);
  return feed ? feedUrl(base, feed) : pageUrl(base, page);
}
