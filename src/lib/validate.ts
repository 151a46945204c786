import { FormatRegistry, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { CALENDAR_DATE_TIME_FORMAT, MAX_YEAR, MIN_YEAR, dateTimeProblem, isCalendarDateTime } from './calendar-date.js';
import { validationFailed, type FieldIssue } from './errors.js';
import { ONE_LINE_FORMAT, isOneLineText, textProblem } from './plain-text.js';

/**
 * The string formats of our own that schemas use, with the check and the
 * message for each; the same checks are given to the HTTP layer's validator
 * (serverOptions() in app.ts), so a route and an operation agree.
 */
export interface StringFormat {
  isValid: (text: string) => boolean;
  /** What is wrong with a text, when it is known. */
  problem: (text: string) => string | undefined;
  /** The rule in a few words, for a validator that does not pass the text on. */
  summary: string;
}

export const STRING_FORMATS: ReadonlyMap<string, StringFormat> = new Map([
  [
    ONE_LINE_FORMAT,
    { isValid: isOneLineText, problem: (text: string) => textProblem(text, { isOneLine: true }), summary: 'must be one line of text, without line breaks, control characters or unpaired surrogates' },
  ],
  [CALENDAR_DATE_TIME_FORMAT, { isValid: isCalendarDateTime, problem: dateTimeProblem, summary: `must be a real date and time such as 2026-05-04T09:30:00Z, in the years ${MIN_YEAR}–${MAX_YEAR}` }],
]);
for (const [name, format] of STRING_FORMATS) FormatRegistry.Set(name, format.isValid);

/** The formats as Ajv takes them, for Fastify's route schemas. */
export function ajvFormats(): Record<string, (text: string) => boolean> {
  return Object.fromEntries([...STRING_FORMATS].map(([name, format]) => [name, format.isValid]));
}

/** A schema compiled once, at module load, and a parse that either returns the typed value or throws naming each bad field. */
export interface Parser<T extends TSchema> {
  schema: T;
  issues(value: unknown, pathPrefix?: string): FieldIssue[];
  parse(value: unknown, pathPrefix?: string): Static<T>;
}

/**
 * Every string anywhere in an input follows the plain-text rule (lib/plain-text.ts),
 * whatever its schema says, so no field can be forgotten: the body's text runs,
 * a source's note and a field added next year alike.
 */
function textIssues(value: unknown, path: string, found: FieldIssue[]): void {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) found.push({ path, message: problem });
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => textIssues(item, `${path}/${index}`, found));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (textProblem(key)) found.push({ path: `${path}/${key}`, message: 'is not a field this accepts' });
      else textIssues(item, `${path}/${key}`, found);
    }
  }
}

/** TypeBox says "Expected string to match 'one-line' format"; our formats say what is wrong. */
function messageOf(error: { message: string; schema: TSchema; value: unknown }): string {
  const format = typeof error.schema.format === 'string' ? STRING_FORMATS.get(error.schema.format) : undefined;
  return (format && typeof error.value === 'string' && format.problem(error.value)) || error.message;
}

export function compileParser<T extends TSchema>(schema: T): Parser<T> {
  const check: TypeCheck<T> = TypeCompiler.Compile(schema);
  const issues = (value: unknown, pathPrefix = ''): FieldIssue[] => {
    const found: FieldIssue[] = [];
    if (check.Check(value)) {
      textIssues(value, pathPrefix, found);
      return found;
    }
    const seen = new Set<string>();
    for (const error of check.Errors(value)) {
      const path = pathPrefix + error.path;
      if (seen.has(path)) continue; // one message per field; TypeBox reports unions several times
      seen.add(path);
      found.push({ path, message: messageOf(error) });
    }
    return found;
  };
  return {
    schema,
    issues,
    parse(value, pathPrefix = '') {
      const found = issues(value, pathPrefix);
      if (found.length > 0) throw validationFailed(found);
      return value as Static<T>;
    },
  };
}
