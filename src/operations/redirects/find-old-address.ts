import { isReservedPath, locationPath, oldPathKey } from '../../content/old-paths.js';
import type { RedirectDestination, RedirectStatus } from '../../content/store-redirects.js';
import { urls } from '../../render/urls.js';
import type { OperationContext } from '../context.js';
import { guessOldAddress } from './wordpress-guesses.js';

export interface OldAddressAnswer {
  /** A path on this site, or an absolute http(s) URL an editor chose, ready for a Location header. */
  location: string;
  statusCode: RedirectStatus;
}

/**
 * Where an address the site has nothing at leads now, if anywhere: the
 * redirects table first (an import's old permalinks, the newsroom's rows),
 * then WordPress's guesses (wordpress-guesses.ts). Called only on what would
 * otherwise be a 404, so the pages that exist never pay for it.
 */
export async function findOldAddress(context: OperationContext, input: { url: string }): Promise<OldAddressAnswer | undefined> {
  // A request's target is always a path: `//greek/…` (a doubled slash, as some old links have) is not another host here.
  const key = oldPathKey(input.url.replace(/^\/{2,}/, '/'));
  if (key === undefined || isReservedPath(key)) return undefined;
  const now = context.clock.now().toISOString();
  const destination = await lookUp(context, key, now);
  let answer: OldAddressAnswer | undefined;
  if (destination) {
    answer = follow(destination);
  } else {
    const location = await guessOldAddress(context, { key, now });
    answer = location === undefined ? undefined : { location: locationPath(location) ?? location, statusCode: 301 };
  }
  // A redirect to the very address asked for would send the reader round in circles.
  const isLoop = answer !== undefined && answer.location.startsWith('/') && oldPathKey(answer.location) === key;
  return isLoop ? undefined : answer;
}

/** The row for the address as asked; for a path with parameters (`/old/?paged=2`), the row for the path alone is next best. */
async function lookUp(context: OperationContext, key: string, now: string): Promise<RedirectDestination | undefined> {
  const found = await context.store.redirects.findDestination({ fromPath: key, now });
  if (found) return found;
  const path = key.split('?')[0]!;
  if (path === key || path === '/') return undefined;
  return context.store.redirects.findDestination({ fromPath: path, now });
}

/**
 * A row's target as a Location. A post is followed to its address today, and
 * only while it is public: a draft or scheduled post is a 404, as its own
 * address is. A path must stay on this site (`//host` is another one); an
 * absolute URL was an editor's choice and is sent as it is.
 */
function follow(destination: RedirectDestination): OldAddressAnswer | undefined {
  const { statusCode } = destination;
  if ('postSlug' in destination) {
    return destination.postSlug === null ? undefined : { location: locationPath(urls.post(destination.postSlug))!, statusCode };
  }
  const location = absoluteUrl(destination.path) ?? locationPath(destination.path);
  return location === undefined ? undefined : { location, statusCode };
}

function absoluteUrl(text: string): string | undefined {
  if (!/^https?:\/\//i.test(text)) return undefined;
  try {
    return new URL(text).href;
  } catch {
    return undefined;
  }
}
