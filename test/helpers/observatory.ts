/**
 * Mozilla HTTP Observatory's header rules, as far as one response can show
 * them: the tests that cost a site points (and the grade) turned into a list
 * of findings. An empty list is a response the Observatory would not mark
 * down on headers. https://developer.mozilla.org/en-US/observatory/docs/tests_and_scoring
 */

/** Referrer policies that do not leak a page's address to other origins over plain HTTP (the Observatory's "referrer-policy-private"). */
const SAFE_REFERRER_POLICIES = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);

/** Six months, the least the Observatory accepts for HSTS. */
const HSTS_MIN_SECONDS = 15_768_000;

/** A policy as directive → source list, lower-cased names; the first of a repeated directive wins, as in browsers. */
export function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, sources);
  }
  return directives;
}

function cspFindings(header: string | null): string[] {
  if (!header) return ['csp-not-implemented: no Content-Security-Policy'];
  const csp = parseCsp(header);
  const findings: string[] = [];
  const defaults = csp.get('default-src');
  const scripts = csp.get('script-src') ?? defaults;
  if (!scripts) findings.push('csp-implemented-with-unsafe: neither default-src nor script-src is set');
  for (const source of scripts ?? []) {
    const lower = source.toLowerCase();
    if (lower === "'unsafe-inline'") findings.push("csp-implemented-with-unsafe-inline: script-src allows 'unsafe-inline'");
    if (lower === "'unsafe-eval'") findings.push("csp-implemented-with-unsafe-eval: script-src allows 'unsafe-eval'");
    if (lower === '*' || lower === 'http:' || lower === 'https:' || lower === 'data:') findings.push(`csp-implemented-with-insecure-scheme: script-src allows ${source}`);
    if (lower.startsWith('http://')) findings.push(`csp-implemented-with-insecure-scheme: script-src allows ${source} over plain HTTP`);
  }
  const objects = csp.get('object-src') ?? defaults;
  if (!(objects && objects.length === 1 && objects[0] === "'none'")) findings.push("csp: object-src is not 'none' (nor default-src 'none')");
  if (!csp.has('frame-ancestors')) findings.push('csp: frame-ancestors is not set');
  if (!csp.has('base-uri')) findings.push('csp: base-uri is not set');
  if (!csp.has('form-action')) findings.push('csp: form-action is not set');
  return findings;
}

function cookieFindings(setCookies: string[]): string[] {
  const findings: string[] = [];
  for (const cookie of setCookies) {
    const name = cookie.split('=')[0]!.trim();
    const attributes = cookie
      .split(';')
      .slice(1)
      .map((a) => a.trim().toLowerCase());
    if (!attributes.includes('secure')) findings.push(`cookies-without-secure-flag: ${name}`);
    if (!attributes.includes('httponly')) findings.push(`cookies-session-without-httponly-flag: ${name}`);
    if (!attributes.some((a) => /^samesite=(strict|lax)$/.test(a))) findings.push(`cookies-samesite-flag-invalid: ${name}`);
  }
  return findings;
}

/**
 * What the Observatory would hold against these response headers. `isHttps`
 * says the response came over HTTPS: only then are HSTS and cookie flags
 * required (over plain HTTP a browser ignores HSTS anyway).
 */
export function observatoryFindings(headers: Headers, options: { isHttps: boolean }): string[] {
  const findings = cspFindings(headers.get('content-security-policy'));
  if (headers.get('x-content-type-options')?.trim().toLowerCase() !== 'nosniff') findings.push('x-content-type-options-not-implemented');
  const frameOptions = headers.get('x-frame-options')?.trim().toUpperCase();
  const hasFrameAncestors = parseCsp(headers.get('content-security-policy') ?? '').has('frame-ancestors');
  if (!hasFrameAncestors && frameOptions !== 'DENY' && frameOptions !== 'SAMEORIGIN') findings.push('x-frame-options-not-implemented');
  // A list names fallbacks; the browser uses the last one it knows.
  const referrer = headers.get('referrer-policy')?.split(',').at(-1)?.trim().toLowerCase();
  if (!referrer || !SAFE_REFERRER_POLICIES.has(referrer)) findings.push(`referrer-policy-unsafe: ${referrer ?? 'not set'}`);
  if (options.isHttps) {
    const hsts = headers.get('strict-transport-security');
    const maxAge = Number(/max-age=(\d+)/i.exec(hsts ?? '')?.[1] ?? NaN);
    if (!hsts) findings.push('hsts-not-implemented');
    else if (!(maxAge >= HSTS_MIN_SECONDS)) findings.push(`hsts-implemented-max-age-less-than-six-months: ${hsts}`);
    findings.push(...cookieFindings(headers.getSetCookie()));
  }
  return findings;
}
