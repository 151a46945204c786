import { invalidParam } from './wp-error.js';
import { MAX_RECORD_ID } from '../lib/record-id.js';

/**
 * Query strings are `unknown` until checked here. WordPress clients send lists
 * as `tags=1,2`, `tags[]=1&tags[]=2` or `tags=1&tags=2`; all three read the same.
 */
export type Query = Record<string, unknown>;

export function normaliseQuery(raw: unknown): Query {
  const query: Query = {};
  for (const [key, value] of Object.entries((raw ?? {}) as Query)) {
    const name = key.endsWith('[]') ? key.slice(0, -2) : key;
    const values = Array.isArray(value) ? value : [value];
    const previous = query[name];
    query[name] = previous === undefined ? (key.endsWith('[]') || Array.isArray(value) ? values : value) : [...(Array.isArray(previous) ? previous : [previous]), ...values];
  }
  return query;
}

function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `${name} is not of type string.`);
  return value;
}

export function integer(query: Query, input: { name: string; min: number; max?: number; fallback: number }): number {
  const text = single(query, input.name);
  if (text === undefined || text === '') return input.fallback;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value)) throw invalidParam(input.name, `${input.name} is not of type integer.`);
  if (value < input.min || (input.max !== undefined && value > input.max)) {
    const range = input.max === undefined ? `greater than or equal to ${input.min}` : `between ${input.min} (inclusive) and ${input.max} (inclusive)`;
    throw invalidParam(input.name, `${input.name} must be ${range}.`);
  }
  return value;
}

/** More than a page's worth of ids or slugs in one request is refused (WordPress's own per_page ceiling). */
export const MAX_LIST_ITEMS = 100;

/** A list given as commas, repeats or brackets; undefined when absent. */
export function list(query: Query, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((item) => {
    if (typeof item !== 'string') throw invalidParam(name, `${name} is not of type array.`);
    return item.split(',');
  });
  const kept = items.map((item) => item.trim()).filter((item) => item !== '');
  if (kept.length > MAX_LIST_ITEMS) throw invalidParam(name, `${name} must contain at most ${MAX_LIST_ITEMS} items.`);
  return kept.length > 0 ? kept : undefined;
}

export function idList(query: Query, name: string): number[] | undefined {
  const items = list(query, name);
  if (!items) return undefined;
  return items.map((item) => {
    if (!/^\d+$/.test(item) || !Number.isSafeInteger(Number(item))) throw invalidParam(name, `${name}[0] is not of type integer.`);
    // No row has a larger id, and PostgreSQL refuses one in a query.
    if (Number(item) > MAX_RECORD_ID) throw invalidParam(name, `${name}[0] must be at most ${MAX_RECORD_ID}.`);
    return Number(item);
  });
}

/** Search words past this are refused: each word is a condition on every row, and no reader types more. */
export const MAX_TEXT_LENGTH = 200;

export function text(query: Query, name: string): string | undefined {
  const value = single(query, name)?.trim();
  if (value && value.length > MAX_TEXT_LENGTH) throw invalidParam(name, `${name} must be at most ${MAX_TEXT_LENGTH} characters long.`);
  return value ? value : undefined;
}

export function choice<T extends string>(query: Query, input: { name: string; allowed: readonly T[]; fallback: T }): T {
  const value = single(query, input.name);
  if (value === undefined || value === '') return input.fallback;
  if (!(input.allowed as readonly string[]).includes(value)) throw invalidParam(input.name, `${input.name} is not one of ${input.allowed.join(', ')}.`);
  return value as T;
}

/** An ISO 8601 date; without an offset it is read as UTC (WordPress reads it in the site's zone). */
export function date(query: Query, name: string): string | undefined {
  const value = single(query, name);
  if (value === undefined || value === '') return undefined;
  const isIso = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value);
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value) && value.includes('T');
  const time = isIso ? new Date(hasOffset || !value.includes('T') ? value : `${value}Z`).getTime() : Number.NaN;
  if (Number.isNaN(time)) throw invalidParam(name, `Invalid date.`);
  return new Date(time).toISOString();
}

/**
 * How deep a page may start. An OFFSET walks every row before it, so page
 * 100,000 would cost as much as reading the whole site; like Elasticsearch's
 * `max_result_window`, answers stop at 10,000 rows deep. A client walking
 * further narrows with `before`/`after` instead.
 */
export const MAX_OFFSET = 10_000;

/** `page` and `per_page` as WordPress checks them (per_page 1–100, 10 by default), with page bounded by MAX_OFFSET. */
export function paging(query: Query): { page: number; perPage: number; offset: number } {
  const perPage = integer(query, { name: 'per_page', min: 1, max: 100, fallback: 10 });
  const page = integer(query, { name: 'page', min: 1, max: Math.floor(MAX_OFFSET / perPage), fallback: 1 });
  return { page, perPage, offset: (page - 1) * perPage };
}
