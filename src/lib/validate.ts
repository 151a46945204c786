import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { validationFailed, type FieldIssue } from './errors.js';

/** A schema compiled once, at module load, and a parse that either returns the typed value or throws naming each bad field. */
export interface Parser<T extends TSchema> {
  schema: T;
  issues(value: unknown, pathPrefix?: string): FieldIssue[];
  parse(value: unknown, pathPrefix?: string): Static<T>;
}

export function compileParser<T extends TSchema>(schema: T): Parser<T> {
  const check: TypeCheck<T> = TypeCompiler.Compile(schema);
  const issues = (value: unknown, pathPrefix = ''): FieldIssue[] => {
    if (check.Check(value)) return [];
    const seen = new Set<string>();
    const found: FieldIssue[] = [];
    for (const error of check.Errors(value)) {
      const path = pathPrefix + error.path;
      if (seen.has(path)) continue; // one message per field; TypeBox reports unions several times
      seen.add(path);
      found.push({ path, message: error.message });
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
