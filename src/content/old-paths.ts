/**
 * Old addresses, as one key. The same link reaches us in many spellings: the
 * absolute URL in a WordPress export's <link>, with lowercase `%ce%bb`
 * escapes; a browser's request with uppercase ones, a tracking parameter and
 * no trailing slash. The redirects table stores the key an import or an
 * editor gave, and a request is looked up by its own key, so both must come
 * out the same.
 */

/**
 * WordPress's query variables that decide what a page shows. Any other
 * parameter (utm_*, fbclid, a cache buster) does not change what an old link
 * meant, and `preview` is left out too: a post's preview link is the post.
 */
export const WORDPRESS_QUERY_VARS: ReadonlySet<string> = new Set([
  'p',
  'page_id',
  'attachment_id',
  'cat',
  'tag',
  'author',
  'feed',
  'm',
  'year',
  'monthnum',
  'day',
  'name',
  'pagename',
  'paged',
]);

/** Sections of the site that are never an old address: the newsroom, its API, the REST API and uploaded files. */
export const RESERVED_SECTIONS: ReadonlySet<string> = new Set(['admin', 'api', 'wp-json', 'media']);

/** Longer than any link a person or an export would carry; refused rather than stored or looked up. */
const MAX_LENGTH = 2048;
// Only used to parse a path as the URL parser does (dot segments, backslashes); never shown.
const PARSE_BASE = 'http://old-path.invalid';

function decodeTolerantly(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A stray `%` or half a UTF-8 sequence stays as it is; the rest is decoded.
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** Percent-encoded with uppercase escapes, as browsers send it, leaving the characters a path may carry as they are. */
function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/%(?:24|26|2B|2C|3A|3B|3D|40)/g, decodeURIComponent);
}

function encodeQueryValue(text: string): string {
  return encodeURIComponent(text).replace(/%(?:2F|3A|40|2C)/g, decodeURIComponent);
}

/** A name ending in `.html`, `.php`, `.jpg`…: a file, which keeps its address without a trailing slash. */
function hasFileExtension(segment: string): boolean {
  const extension = /\.([a-z0-9]{1,8})$/i.exec(segment)?.[1];
  return extension !== undefined && /[a-z]/i.test(extension);
}

/** Only a path on this site, or an http(s) address of the old one; `//host/…` names another host and is not a path. */
function parse(text: string): URL | undefined {
  if (/^[a-z][a-z\d+.-]*:/i.test(text)) {
    if (!/^https?:\/\//i.test(text)) return undefined;
  } else if (!text.startsWith('/') || /^\/[/\\]/.test(text)) {
    return undefined;
  }
  try {
    return new URL(text, PARSE_BASE);
  } catch {
    return undefined;
  }
}

/**
 * The key an old address is stored under in `redirects.from_path` and looked
 * up by at request time: the path only (scheme and host dropped), each segment
 * decoded to Unicode and encoded again the one way, a trailing slash unless
 * the last segment is a file name, and only WordPress's query variables, sorted.
 * A leading `/index.php` (WordPress without pretty permalinks) is dropped.
 * Undefined for what is not a local path: another scheme, `//host`, a relative path.
 */
export function oldPathKey(pathOrUrl: string): string | undefined {
  const text = pathOrUrl.trim();
  if (!text || text.length > MAX_LENGTH) return undefined;
  const url = parse(text);
  if (!url) return undefined;

  let segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeTolerantly(segment));
  if (segments[0] === 'index.php') segments = segments.slice(1);
  const last = segments.at(-1);
  const path = last === undefined ? '/' : `/${segments.map(encodeSegment).join('/')}${hasFileExtension(last) ? '' : '/'}`;

  const kept = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(url.search)) {
    const trimmed = value.trim();
    if (WORDPRESS_QUERY_VARS.has(name) && trimmed !== '' && !kept.has(name)) kept.set(name, trimmed);
  }
  const query = [...kept.keys()]
    .sort()
    .map((name) => `${name}=${encodeQueryValue(kept.get(name)!)}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

export interface OldPathParts {
  /** The path's segments, decoded. */
  segments: string[];
  /** WordPress's query variables it names. */
  query: ReadonlyMap<string, string>;
}

/** A key from oldPathKey() taken apart again, for the guesses made when the table has no row for it. */
export function oldPathParts(key: string): OldPathParts {
  const url = new URL(key, PARSE_BASE);
  return {
    segments: url.pathname.split('/').filter(Boolean).map((segment) => decodeTolerantly(segment)),
    query: new Map(new URLSearchParams(url.search)),
  };
}

/** True for a key under the newsroom, the APIs or the media files, which no redirect may take over. */
export function isReservedPath(key: string): boolean {
  const first = oldPathParts(key).segments[0];
  return first !== undefined && RESERVED_SECTIONS.has(first);
}

/** True when a request for the home page carries a WordPress query variable (`/?p=123`): an old link, never the home page. */
export function namesWordPressQuery(query: Readonly<Record<string, unknown>>): boolean {
  for (const name of WORDPRESS_QUERY_VARS) {
    const value = query[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text === 'string' && text.trim() !== '') return true;
  }
  return false;
}

/**
 * A path as a Location header can carry it: each segment encoded the way
 * oldPathKey() encodes it (Unicode slugs become escapes, escapes stay single),
 * the query and fragment as the URL parser leaves them. Undefined for what is
 * not a local path.
 */
export function locationPath(path: string): string | undefined {
  const url = parse(path);
  if (!url || /^[a-z][a-z\d+.-]*:/i.test(path)) return undefined;
  const segments = url.pathname.split('/').map((segment) => encodeSegment(decodeTolerantly(segment)));
  return segments.join('/') + url.search + url.hash;
}
