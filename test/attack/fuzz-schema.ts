import fc from 'fast-check';
import { NASTY_STRINGS, PROTOTYPE_NAMES, nastyValue } from './fuzz-inputs.js';

/**
 * Request bodies from the OpenAPI document's JSON schemas: values that pass
 * the schema (or nearly), then mutated at one place. A body that only ever
 * fails the schema tests the validator; one that passes it tests the code
 * behind it, which is where 500s live.
 */

type Schema = Record<string, any>;

/** Names the schema does not describe (the post body is `items: {}`), filled with values of the right shape. */
export interface Hints {
  ids: number[];
  mediaIds: number[];
}

const VALID_DATES = ['2026-03-01T09:00:00Z', '2030-01-01T09:00:00Z', '2020-02-29T12:00:00+02:00', '2026-12-31T23:59:59.999Z'];
const URLS = ['https://news.example/', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://twitter.com/x/status/1', 'http://example.com/a b', '/category/music/', '#top'];

function text(maxLength = 40): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(maxLength, 40) }) }, { weight: 1, arbitrary: fc.constantFrom('Kanye', 'A title', 'ümlaut') });
}

export function inlines(): fc.Arbitrary<unknown[]> {
  const mark = fc.oneof(
    fc.constant({ type: 'bold' }),
    fc.constant({ type: 'italic' }),
    fc.constantFrom(...URLS).map((href) => ({ type: 'link', href })),
    fc.constantFrom(...PROTOTYPE_NAMES).map((type) => ({ type })),
  );
  return fc.array(fc.record({ text: text(), marks: fc.array(mark, { maxLength: 3 }) }, { requiredKeys: ['text'] }), { minLength: 1, maxLength: 3 });
}

export function block(hints: Hints): fc.Arbitrary<unknown> {
  return fc.oneof(
    inlines().map((content) => ({ type: 'paragraph', content })),
    fc.record({ type: fc.constant('heading'), level: fc.constantFrom(2, 3, 4, 1, 7, '2'), content: inlines() }),
    fc.record({ type: fc.constant('list'), isOrdered: fc.boolean(), items: fc.array(inlines(), { minLength: 1, maxLength: 3 }) }),
    fc.record(
      { type: fc.constant('quote'), style: fc.constantFrom('body', 'pull', 'other'), text: text(), speaker: text(), context: text(), source: text(), sourceUrl: fc.constantFrom(...URLS) },
      { requiredKeys: ['type', 'style', 'text'] },
    ),
    fc.record({ type: fc.constant('image'), media: fc.oneof(fc.constantFrom(...hints.mediaIds), fc.integer({ min: -3, max: 1_000_000 })), caption: text() }, { requiredKeys: ['type', 'media'] }),
    fc.record({ type: fc.constant('embed'), url: fc.constantFrom(...URLS, 'https://unknown.example/x'), caption: text() }, { requiredKeys: ['type', 'url'] }),
    fc.constant({ type: 'separator' }),
    fc.record({ type: fc.constant('html'), html: fc.constantFrom('<p>x</p>', '<script>window.__x(0)</script>', '<div', '') }),
    // Block types that are names every object has.
    fc.record({ type: fc.constantFrom(...PROTOTYPE_NAMES), content: inlines() }),
  );
}

/** Strings a field of this name and schema would plausibly hold. */
function stringFor(name: string, schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time' || /At$|date/i.test(name)) return fc.constantFrom(...VALID_DATES);
  if (/email/i.test(name)) return fc.oneof(fc.constantFrom('someone@news.example', 'a@b.c'), fc.emailAddress());
  if (/password/i.test(name)) return fc.constantFrom('a long enough passphrase', 'short', 'x'.repeat(1_000));
  if (/url|href/i.test(name)) return fc.constantFrom(...URLS);
  if (/path/i.test(name)) return fc.constantFrom('/old-story/', '/', '/category/music/', '/a/b/c/', '//evil.test/', '/ü/');
  if (/slug/i.test(name)) return fc.constantFrom('a-slug', 'kanye-west', 'ümlaut', 'A B');
  if (/token/i.test(name)) return fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 8, maxLength: 64 });
  return text(schema.maxLength ?? 40);
}

/** A value that passes `schema` most of the time (patterns are not honoured). */
export function fromSchema(schema: Schema | undefined, hints: Hints, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return nastyValue;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices)) return fc.oneof(...choices.map((choice: Schema) => fromSchema(choice, hints, name, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringFor(name, schema);
    case 'integer': {
      if (/id$|Id$|into/.test(name)) {
        // Now and then one no row can have: past 32 bits, or only a float can hold it.
        return fc.oneof({ weight: 8, arbitrary: fc.oneof(fc.constantFrom(...hints.ids), fc.integer({ min: 1, max: 50 })) }, { weight: 1, arbitrary: fc.constantFrom(2 ** 31, 2 ** 53 + 2, 1e30) });
      }
      const min = typeof schema.minimum === 'number' ? schema.minimum : -10;
      const max = typeof schema.maximum === 'number' ? schema.maximum : min + 100;
      return fc.integer({ min, max });
    }
    case 'number':
      return fc.double({ noNaN: true, min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6 });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (name === 'body') return fc.array(block(hints), { maxLength: 4 });
      const items = schema.items && Object.keys(schema.items).length > 0 ? fromSchema(schema.items, hints, name.replace(/s$/, ''), depth + 1) : nastyValue;
      return fc.array(items, { minLength: Math.min(schema.minItems ?? 0, 3), maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) model[key] = fromSchema(property, hints, key, depth + 1);
      const required = (schema.required ?? []) as string[];
      return fc.record(model, { requiredKeys: required.filter((key) => key in model) });
    }
    default:
      return nastyValue;
  }
}

/** Every place in a JSON value, as a path of keys. */
function paths(value: unknown, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) value.forEach((item, index) => paths(item, [...prefix, index], out));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths(item, [...prefix, key], out);
  return out;
}

function setAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  copy[head!] = setAt(copy[head!], rest, replacement);
  return copy;
}

/** An own property named like an inherited one, which `JSON.stringify` keeps. */
function withOwnKey(value: unknown, key: string, item: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const copy = { ...(value as object) };
  Object.defineProperty(copy, key, { value: item, enumerable: true, configurable: true, writable: true });
  return copy;
}

/**
 * A schema-shaped value, mutated at one place: a wrong type, a nasty string
 * or number, an extra key named like a prototype property, deep nesting.
 */
export function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return valid.chain((value) => {
    const places = paths(value);
    return fc.oneof(
      { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...places), nastyValue).map(([path, replacement]) => setAt(value, path, replacement)) },
      { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...places), fc.constantFrom(...NASTY_STRINGS.slice(0, 12))).map(([path, replacement]) => setAt(value, path, replacement)) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...PROTOTYPE_NAMES), nastyValue).map(([key, item]) => withOwnKey(value, key, item)) },
      { weight: 1, arbitrary: fc.constantFrom(...places).map((path) => setAt(value, path, nest(40))) },
    );
  });
}

function nest(depth: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { type: 'paragraph', content: value };
  return value;
}
