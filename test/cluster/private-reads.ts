import { Agent } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request, type Answer, type Newsroom } from './http.js';
import type { Target } from './page-reads.js';
import type { SiteModel } from './site-under-edit.js';

/**
 * Answers that belong to one reader: drafts through the REST API with the
 * newsroom's session cookie, a preview link, a protected post opened with its
 * password (its cookie, or `?password=` on the REST API). Each is read with
 * its credential and at once without, from the same instance: the private
 * answer must say no shared cache may keep it and show the secret; the
 * anonymous one must never show it. No answer says whether it came from the
 * cache, so its Cache-Control and content are what tell: an answer the cache
 * kept carries the shared `public, … s-maxage` it writes.
 */

export interface PrivatePair {
  name: string;
  path: string;
  /** Headers that open the private answer. */
  credential: Record<string, string>;
  secret: string;
  /** The same address for anyone else, or a public address that must not show the secret either. */
  anonymousPath: string;
  /** A preview link is the credential itself: its anonymous answer shows the draft too, and must be private as well. */
  isCapabilityLink?: boolean;
}

/** Opens the protected post with its password, as its form does, and makes a preview link of the draft. */
export async function privatePairs(input: { site: SiteModel; staff: Newsroom; base: string }): Promise<PrivatePair[]> {
  const { site, staff, base } = input;
  const { secrets } = site;
  const unlocked = await request(`${base}/${secrets.protectedSlug}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ post_password: secrets.password }).toString(),
  });
  const setCookie = unlocked.headers['set-cookie'];
  if (unlocked.status !== 303 || !setCookie) throw new Error(`the protected post's form answered ${unlocked.status} without a cookie`);
  const passCookie = (Array.isArray(setCookie) ? setCookie : [setCookie]).map((line) => line.split(';')[0]).join('; ');
  const preview = await staff.call('POST', `/posts/${secrets.draftId}/preview`);
  if (preview.status !== 201) throw new Error(`the preview link answered ${preview.status}: ${preview.text()}`);
  const previewPath = new URL(preview.json().url).pathname;
  const session = { cookie: staff.cookie };
  return [
    { name: 'drafts through the REST API with the session cookie', path: '/wp-json/wp/v2/posts?status=draft', credential: session, secret: secrets.draftMarker, anonymousPath: '/wp-json/wp/v2/posts?status=draft' },
    { name: 'drafts, the session cookie among others', path: '/wp-json/wp/v2/posts?status=draft&per_page=50', credential: { cookie: `theme=dark; ${staff.cookie}` }, secret: secrets.draftMarker, anonymousPath: '/wp-json/wp/v2/posts?status=draft&per_page=50' },
    { name: 'one draft through the REST API with the session cookie', path: `/wp-json/wp/v2/posts/${secrets.draftId}`, credential: session, secret: secrets.draftMarker, anonymousPath: `/wp-json/wp/v2/posts/${secrets.draftId}` },
    { name: 'the preview link, signed in', path: previewPath, credential: session, secret: secrets.draftMarker, anonymousPath: previewPath, isCapabilityLink: true },
    { name: "the protected post with its password's cookie", path: `/${secrets.protectedSlug}/`, credential: { cookie: passCookie }, secret: secrets.protectedMarker, anonymousPath: `/${secrets.protectedSlug}/` },
    {
      name: 'the protected post through the REST API with its password',
      path: `/wp-json/wp/v2/posts/${secrets.protectedId}?password=${encodeURIComponent(secrets.password)}`,
      credential: {},
      secret: secrets.protectedMarker,
      anonymousPath: `/wp-json/wp/v2/posts/${secrets.protectedId}`,
    },
  ];
}

const isPrivateCacheControl = (value: unknown) => /\b(private|no-store)\b/.test(String(value ?? ''));

function decoded(answer: Answer): string {
  const coding = answer.headers['content-encoding'];
  return (coding === 'br' ? brotliDecompressSync(answer.body) : coding === 'gzip' ? gunzipSync(answer.body) : answer.body).toString('utf8');
}

/** Reads a pair on one target: the private answer, then the anonymous one at once. Returns what was wrong. */
export async function readPair(pair: PrivatePair, input: { target: Target; acceptEncoding?: string; agent: Agent }): Promise<string[]> {
  const { target, acceptEncoding, agent } = input;
  const encoding: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
  const problems: string[] = [];
  const where = (path: string, answer: Answer) => `${pair.name}: ${path} via ${target.name} (answered by ${answer.headers['x-masthead-instance']}, ${acceptEncoding ?? 'identity'})`;

  const opened = await request(`${target.url}${pair.path}`, { headers: { ...encoding, ...pair.credential }, agent });
  const openedText = decoded(opened);
  if (opened.status !== 200) problems.push(`${where(pair.path, opened)} answered ${opened.status} with its credential`);
  if (!openedText.includes(pair.secret)) problems.push(`${where(pair.path, opened)} does not show the secret to its reader`);
  if (!isPrivateCacheControl(opened.headers['cache-control'])) problems.push(`${where(pair.path, opened)} is private but says Cache-Control "${opened.headers['cache-control']}"`);

  const anonymous = await request(`${target.url}${pair.anonymousPath}`, { headers: encoding, agent });
  const anonymousText = decoded(anonymous);
  if (pair.isCapabilityLink) {
    if (!isPrivateCacheControl(anonymous.headers['cache-control'])) problems.push(`${where(pair.anonymousPath, anonymous)} is a private link but says Cache-Control "${anonymous.headers['cache-control']}"`);
  } else if (anonymousText.includes(pair.secret)) {
    problems.push(`${where(pair.anonymousPath, anonymous)} shows ${pair.secret} to an anonymous reader (${anonymous.status}, Cache-Control "${anonymous.headers['cache-control']}")`);
  }
  return problems;
}
