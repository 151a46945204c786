import { CompiledQuery, type Compilable } from 'kysely';
import type { SqlDialect } from './dialect.js';

type Slot = { name: string } | { value: unknown };

/**
 * Stand-ins for values, typed loosely on purpose: a placeholder goes wherever
 * the real value would (a string, a number, a limit).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Placeholders = Readonly<Record<string, any>>;

/**
 * Building and compiling a Kysely query with JSON sub-selects costs more than
 * running it (~0.5 ms against ~0.1 ms on SQLite). The public site's queries
 * are therefore compiled once per shape, with named placeholders, and each
 * request only fills in the parameters.
 *
 * `build` receives an object whose properties are placeholders: use them
 * where the values go (`where('slug', '=', p.slug)`). A query whose structure
 * depends on the input (a cursor or none, a scope kind) needs one shape key
 * per structure. Limits are written into the SQL as literals (and into the
 * shape key): SQLite runs `LIMIT 20` noticeably faster than `LIMIT ?`.
 */
export class PreparedQueries {
  private readonly compiled = new Map<string, { sql: string; slots: Slot[] }>();

  async run<Row>(
    dialect: Pick<SqlDialect, 'db' | 'read'>,
    shape: string,
    params: Record<string, unknown>,
    build: (placeholders: Placeholders) => Compilable<Row>,
  ): Promise<Row[]> {
    let entry = this.compiled.get(shape);
    if (!entry) {
      const placeholders: Placeholders = new Proxy({}, { get: (_target, key) => placeholder(String(key)) });
      const query = build(placeholders).compile();
      entry = {
        sql: query.sql,
        slots: query.parameters.map((value) => {
          const name = placeholderName(value);
          return name === undefined ? { value } : { name };
        }),
      };
      for (const slot of entry.slots) {
        if ('name' in slot && !(slot.name in params)) throw new Error(`Prepared query "${shape}" needs a value for "${slot.name}"`);
      }
      this.compiled.set(shape, entry);
    }
    const parameters = entry.slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
    if (dialect.read) return (await dialect.read({ shape, sql: entry.sql, parameters })) as Row[];
    const result = await dialect.db.executeQuery<Row>(CompiledQuery.raw(entry.sql, parameters));
    return result.rows;
  }
}

const MARK = '\u0000masthead-param:';

function placeholder(name: string): string {
  return `${MARK}${name}`;
}

function placeholderName(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith(MARK) ? value.slice(MARK.length) : undefined;
}
