import fc from 'fast-check';

/**
 * The values attackers and broken clients send, as fast-check arbitraries:
 * what the fuzz suite (fuzz.test.ts) mixes into otherwise well-formed
 * requests. Each one has, in this project or one like it, turned a bad input
 * into a 500 before.
 */

/** Built once: a request carrying one is the same object, not a new megabyte each time. */
const LONG_70K = 'a'.repeat(70_000);
const LONG_WORDS = 'word '.repeat(2_000);
const TWO_MEGABYTES = 'b'.repeat(2 * 1024 * 1024);

export const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__', 'isPrototypeOf'];

export const NASTY_STRINGS = [
  '',
  ' ',
  '\ud800',
  'title \udfff end',
  '\udbff\udfff\ud800',
  '\u0000',
  'nul\u0000inside',
  'ctrl \u0001\u0008\u000b\u000c\u001b\u001f\u007f\u0085',
  '\u202e\u2066reversed',
  '\ufeff\ufffe\uffff',
  '\r\nSet-Cookie: x=1',
  '2026-99-99T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  '-271821-04-19T00:00:00Z',
  '+275760-09-13T00:00:01Z',
  '9999-12-31T23:59:60Z',
  '2026-01-01T25:61:61+99:99',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  ...PROTOTYPE_NAMES,
  '../../../../etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  "'; DROP TABLE posts; --",
  '" OR 1=1 --',
  '%',
  '%E0%A4%A',
  '%ud800',
  '{{constructor.constructor("x")()}}',
  '${process.exit(1)}',
  '<script>window.__x(0)</script>',
  'javascript:alert(1)',
  'https://',
  'http://[::1',
  '//evil.test',
  '/admin/..//evil.test',
  'mailto:',
  'tel:',
  '#',
  '/',
  'ß'.repeat(300),
  '😀'.repeat(200),
  LONG_WORDS,
  LONG_70K,
];

export const NASTY_NUMBERS: unknown[] = [0, -1, -0, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1e21, 4.2e-320];

/** Any JSON value, shallow, with the nasty ones often. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY_NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [null], [[[]]], { '': '' }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** A value nested `depth` levels deep: `{"a":{"a":…}}` or `[[[…]]]`. */
export function deeplyNested(depth: number, asArray: boolean): string {
  return asArray ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** Bodies that are not what any route wants: broken JSON, other types, huge, deep. */
export const RAW_BODIES = [
  '',
  '{',
  '{"title":',
  '{"a":1,}',
  "{'single':'quotes'}",
  'null',
  'true',
  '0',
  '"a string"',
  '[]',
  '[{}]',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '\u0000',
  '\ud800',
  '{"title":"\\ud800"}',
  '{"title":"\\u0000"}',
  '{"a":1e999}',
  '{"revision":1,"revision":2}',
  deeplyNested(5_000, false),
  deeplyNested(5_000, true),
  deeplyNested(200, false),
  TWO_MEGABYTES,
];

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=nonsense',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/xml',
  'application/json, text/html',
  ';;;',
];

/** Percent-encoding that does not decode, and other things a path or query may carry raw. */
export const RAW_URL_PIECES = ['%E0%A4%A', '%', '%%', '%zz', '%00', '%ff', '%C0%AF', '%ud800', '%2e%2e%2f', '..', '.', '%20', '~', '!', '*', '(', ')', "'", ';', ',', '%0d%0a'];

/** The value of a query parameter as it appears in the URL, already encoded (or deliberately not). */
export const queryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS.filter((text) => text.length < 1_000)).map(encodeURIComponentLoose) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_URL_PIECES) },
  { weight: 2, arbitrary: fc.constantFrom('1', '2', '0', '10', '100', '101', '1000000', '-5', 'true', 'false', 'embed', 'wp:term', 'author', 'date', 'desc', 'asc', 'publish', 'draft', 'any', 'post', 'page', '1,2,3', 'view', 'edit') },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 200 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map(encodeURIComponentLoose) },
  // Long, but short enough to get past Node's 16 KB limit on a request's head and reach the code behind it.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3_000), '%C3%A9'.repeat(400), LONG_WORDS.replace(/ /g, '+')) },
);

/** encodeURIComponent, except that a lone surrogate (which it throws on) is sent as its raw UTF-8-ish escape. */
export function encodeURIComponentLoose(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return text.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^A-Za-z0-9%._~-]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '%3F';
      }
    });
  }
}

export interface QueryPart {
  key: string;
  value: string;
  /** `key=v`, `key[]=v`, `key[x][y]=v`, or `key` alone. */
  shape: 'plain' | 'brackets' | 'nested' | 'bare';
}

export function queryArbitrary(names: string[]): fc.Arbitrary<string> {
  const part = fc.record({
    key: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, '', '%E0%A4%A', 'a'.repeat(2_000)) }),
    value: queryValue,
    shape: fc.constantFrom<QueryPart['shape']>('plain', 'plain', 'plain', 'brackets', 'nested', 'bare'),
  });
  return fc.array(part, { maxLength: 6 }).map((parts) =>
    parts
      .map(({ key, value, shape }) => (shape === 'bare' ? key : shape === 'brackets' ? `${key}[]=${value}` : shape === 'nested' ? `${key}[a][b]=${value}` : `${key}=${value}`))
      .join('&'),
  );
}

/** A multipart body that is broken in one of the ways clients break them. */
export function multipartArbitrary(fileBytes: Buffer): fc.Arbitrary<{ contentType: string; body: Buffer }> {
  const boundary = 'fuzzBoundary7MA4YWxkTrZu0gW';
  const head = (name: string, filename?: string, type = 'image/jpeg') =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\nContent-Type: ${type}\r\n\r\n`;
  const whole = (parts: Array<string | Buffer>, end = `\r\n--${boundary}--\r\n`) => Buffer.concat([...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)), Buffer.from(end)]);
  // A PNG header that claims 50,000 × 50,000 pixels: a decompression bomb's calling card.
  const hugePng = Buffer.from('89504e470d0a1a0a0000000d494844520000c3500000c35008060000001f15c489', 'hex');
  const cases: Array<{ contentType: string; body: Buffer }> = [
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.jpg'), fileBytes.subarray(0, 500)], '') },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.jpg'), fileBytes], `\r\n--${boundary}`) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n`) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.from('not multipart at all') },
    { contentType: 'multipart/form-data', body: whole([head('file', 'photo.jpg'), fileBytes]) },
    { contentType: 'multipart/form-data; boundary=other', body: whole([head('file', 'photo.jpg'), fileBytes]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('notfile', undefined, 'text/plain'), 'hello']) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.png', 'image/png'), hugePng]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.jpg'), Buffer.from('<html><script>window.__x(1)</script></html>')]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.jpg'), Buffer.alloc(0)]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', '\ud800.jpg'), fileBytes]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', '../../../evil.jpg'), fileBytes]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'a.jpg'), fileBytes, `\r\n`, head('file', 'b.jpg'), fileBytes]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('__proto__', 'a.jpg'), fileBytes]) },
    { contentType: `multipart/form-data; boundary=${boundary}`, body: whole([head('file', 'photo.jpg'), fileBytes, '\r\n', head('alt', undefined, 'text/plain'), '\ud800'.repeat(3)]) },
  ];
  return fc.constantFrom(...cases);
}
