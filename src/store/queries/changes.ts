import type { ChangeKind, ChangeStore, RecordedChange } from '../../content/store-changes.js';
import type { SqlDialect } from '../dialect.js';
import { fromJson } from '../rows.js';

interface ChangeRow {
  id: number;
  kind: string;
  ids: unknown;
  lists: unknown;
  created_at: string;
}

function toChange(row: ChangeRow): RecordedChange {
  const ids = row.ids === null ? undefined : fromJson<number[]>(row.ids);
  const lists = row.lists === null ? undefined : fromJson<string[]>(row.lists);
  return { id: Number(row.id), kind: row.kind as ChangeKind, ...(ids ? { ids } : {}), ...(lists ? { lists } : {}), createdAt: String(row.created_at) };
}

export function changeQueries(dialect: SqlDialect): ChangeStore {
  const { db } = dialect;
  const columns = ['id', 'kind', 'ids', 'lists', 'created_at'] as const;
  return {
    async record(change) {
      const ids = change.ids && [...new Set(change.ids)].sort((a, b) => a - b);
      const lists = change.lists && [...new Set(change.lists)].sort();
      const row = await db
        .insertInto('change_events')
        .values({ kind: change.kind, ids: ids ? JSON.stringify(ids) : null, lists: lists ? JSON.stringify(lists) : null })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow();
      const id = Number(row.id);
      // Same transaction as the insert: PostgreSQL holds the notification until commit and drops it on rollback.
      if (dialect.notifyChange) await dialect.notifyChange(id).execute(db);
      const recorded: RecordedChange = { id, kind: change.kind, ...(ids ? { ids } : {}), ...(lists ? { lists } : {}), createdAt: String(row.created_at) };
      // This process hears of it when it commits: at once outside a transaction, with the transaction's commit inside one.
      if (dialect.recordedInTransaction) dialect.recordedInTransaction.push(recorded);
      else dialect.committed?.announce([recorded]);
      return id;
    },
    async listSince({ afterId, limit }) {
      const rows = await db.selectFrom('change_events').select(columns).where('id', '>', afterId).orderBy('id').limit(limit).execute();
      return rows.map(toChange);
    },
    async findByIds(ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('change_events').select(columns).where('id', 'in', [...ids]).orderBy('id').execute();
      return rows.map(toChange);
    },
    async latestId() {
      const row = await db.selectFrom('change_events').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
      return Number(row?.id ?? 0);
    },
    async prune(olderThan) {
      const result = await db.deleteFrom('change_events').where('created_at', '<', olderThan).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
