import { sql } from 'kysely';
import type { RateCounterStore } from '../../content/store-rate-counters.js';
import type { SqlDialect } from '../dialect.js';

interface RateCountersTable {
  key: string;
  count: number;
  resets_at: number;
}

export function rateCounterQueries(dialect: SqlDialect): RateCounterStore {
  const db = dialect.db.withTables<{ rate_counters: RateCountersTable }>();
  return {
    async hit({ key, now, windowMs }) {
      // An upsert that returns the count it wrote: there is no moment between
      // reading and writing the count for a concurrent request to slip into.
      const hasEnded = sql<boolean>`rate_counters.resets_at <= ${now}`;
      const row = await db
        .insertInto('rate_counters')
        .values({ key, count: 1, resets_at: now + windowMs })
        .onConflict((conflict) =>
          conflict.column('key').doUpdateSet({
            count: sql<number>`CASE WHEN ${hasEnded} THEN 1 ELSE rate_counters.count + 1 END`,
            resets_at: sql<number>`CASE WHEN ${hasEnded} THEN ${now + windowMs} ELSE rate_counters.resets_at END`,
          }),
        )
        .returning(['count', 'resets_at'])
        .executeTakeFirstOrThrow();
      return { count: Number(row.count), resetsAt: Number(row.resets_at) };
    },
    async release(key) {
      await db.updateTable('rate_counters').set({ count: sql<number>`count - 1` }).where('key', '=', key).where('count', '>', 0).execute();
    },
    async clear(key) {
      await db.deleteFrom('rate_counters').where('key', '=', key).execute();
    },
    async sweep(now) {
      const result = await db.deleteFrom('rate_counters').where('resets_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
