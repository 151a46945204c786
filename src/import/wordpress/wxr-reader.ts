import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { AppError } from '../../lib/errors.js';
import { channelRecord, commentRecord, itemRecord, siteRecord, type Fields } from './wxr-fields.js';
import type { WxrComment, WxrItemTerm, WxrMeta, WxrRecord } from './wxr-records.js';
import { repairLegacyText } from './legacy-text.js';

/**
 * Reads a WordPress export as a stream, yielding each author, term and item as
 * soon as its closing tag is read, so a 2 GB export needs memory for one item,
 * not for the file. WXR 1.0–1.2 under http:// and https:// namespaces are the
 * same format; elements are matched by namespace, never by the file's prefixes.
 */
const WP_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/$/;
const EXCERPT_NAMESPACE = /^https?:\/\/wordpress\.org\/export\/1\.[0-2]\/excerpt\/$/;
const PREFIXES: Record<string, string> = {
  'http://purl.org/rss/1.0/modules/content/': 'content',
  'http://purl.org/dc/elements/1.1/': 'dc',
};
const CHANNEL_RECORDS = new Set(['wp:author', 'wp:category', 'wp:tag', 'wp:term']);
const NOT_WXR = 'not a WordPress export (no <rss> with the wp namespace)';

export function wxrError(options: { fileName: string; line: number; reason: string }): AppError {
  return new AppError('BAD_REQUEST', `${options.fileName}:${options.line}: ${options.reason}`, {
    details: { line: options.line, reason: options.reason },
  });
}

function keyOf(tag: SaxesTagNS): string {
  if (tag.uri === '') return tag.local;
  if (WP_NAMESPACE.test(tag.uri)) return `wp:${tag.local}`;
  if (EXCERPT_NAMESPACE.test(tag.uri)) return `excerpt:${tag.local}`;
  return `${(Object.hasOwn(PREFIXES, tag.uri) ? PREFIXES[tag.uri] : undefined) ?? tag.uri}:${tag.local}`;
}

interface Open {
  key: string;
  line: number;
  fields: Fields;
}

/**
 * The parser hands out text as slices of the chunk it was reading, and V8 keeps
 * a whole chunk (256 KB) alive while any slice of it is: a link or title kept
 * in the run's maps or report would pin the export, chunk by chunk, in memory.
 * Prepending a character forces a copy.
 */
const ownCopy = (value: string): string => (` ${value}`).slice(1);

export async function* readWxr(input: Readable, options: { fileName?: string } = {}): AsyncGenerator<WxrRecord> {
  const fileName = options.fileName ?? 'export.xml';
  const parser = new SaxesParser({ xmlns: true, position: true });
  const ready: WxrRecord[] = [];
  const stack: string[] = [];
  let text = '';
  let hasRoot = false;
  let site: Fields | undefined = new Map();
  let record: Open | undefined;
  let item: { terms: WxrItemTerm[]; meta: WxrMeta[]; comments: WxrComment[] } | undefined;
  let nested: Open | undefined; // a postmeta or comment inside the item
  let term: Record<string, string> | undefined;

  const fail = (reason: string): never => {
    throw wxrError({ fileName, line: parser.line, reason: hasRoot ? reason : `${NOT_WXR}: ${reason}` });
  };
  const flushSite = (): void => {
    if (site) ready.push(siteRecord(site, 1));
    site = undefined;
  };

  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')));
  parser.on('text', (chunk) => (text += chunk));
  parser.on('cdata', (chunk) => (text += chunk));
  parser.on('opentag', (tag) => {
    const key = keyOf(tag as SaxesTagNS);
    text = '';
    if (!hasRoot) {
      if (key !== 'rss' || !Object.values((tag as SaxesTagNS).ns).some((uri) => WP_NAMESPACE.test(uri))) {
        throw wxrError({ fileName, line: parser.line, reason: NOT_WXR });
      }
      hasRoot = true;
    }
    stack.push(key);
    const depth = stack.length;
    if (depth === 3 && stack[1] === 'channel' && (key === 'item' || CHANNEL_RECORDS.has(key))) {
      flushSite();
      record = { key, line: parser.line, fields: new Map() };
      if (key === 'item') item = { terms: [], meta: [], comments: [] };
    } else if (depth === 4 && item && (key === 'wp:postmeta' || key === 'wp:comment')) {
      nested = { key, line: parser.line, fields: new Map() };
    } else if (depth === 4 && item && key === 'category') {
      const attributes = (tag as SaxesTagNS).attributes;
      term = { domain: attributes['domain']?.value ?? '', nicename: attributes['nicename']?.value ?? '' };
    }
  });
  parser.on('closetag', () => {
    const key = stack.pop();
    const depth = stack.length + 1;
    // A serialised PHP value counts its bytes, so it is read as it is; every other text is repaired here, once.
    const value = ownCopy(key === 'wp:meta_value' ? text.trim() : repairLegacyText(text.trim()));
    text = '';
    if (depth === 3 && record && key === record.key) {
      ready.push(item ? itemRecord(record.fields, { line: record.line, ...item }) : channelRecord(key as never, record.fields, record.line));
      record = undefined;
      item = undefined;
    } else if (depth === 4 && nested && key === nested.key) {
      if (key === 'wp:comment') item?.comments.push(commentRecord(nested.fields));
      else item?.meta.push({ key: nested.fields.get('wp:meta_key') ?? '', value: nested.fields.get('wp:meta_value') ?? '' });
      nested = undefined;
    } else if (depth === 4 && term && key === 'category') {
      item?.terms.push({ domain: term['domain']!, nicename: term['nicename']!, name: value });
      term = undefined;
    } else if (depth === 5 && nested && key) {
      nested.fields.set(key, value);
    } else if (depth === 4 && record && key) {
      record.fields.set(key, value);
    } else if (depth === 3 && site && key && stack[1] === 'channel') {
      site.set(key, value);
    } else if (depth === 2 && key === 'channel') {
      flushSite();
    }
  });

  const decoder = new StringDecoder('utf8');
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.write(chunk));
    yield* ready.splice(0);
  }
  parser.write(decoder.end());
  if (!hasRoot) fail('the file has no XML root element');
  if (stack.length > 0) fail(`unexpected end of file (<${stack.at(-1)}> is not closed)`);
  parser.close();
  yield* ready.splice(0);
}
