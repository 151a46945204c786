import type { RedirectStore } from '../../content/store-redirects.js';
import type { SqlDialect } from '../dialect.js';

export function redirectQueries({ db }: SqlDialect): RedirectStore {
  return {
    async putImported({ fromPath, target, at }) {
      const values = 'postId' in target ? { post_id: target.postId, to_path: null } : { post_id: null, to_path: target.path };
      const existing = await db.selectFrom('redirects').select(['id', 'origin', 'post_id', 'to_path']).where('from_path', '=', fromPath).executeTakeFirst();
      if (!existing) {
        await db
          .insertInto('redirects')
          .values({ from_path: fromPath, ...values, status_code: 301, origin: 'import', created_at: at, updated_at: at })
          .execute();
        return 'created';
      }
      if (existing.origin !== 'import') return 'kept';
      if (existing.post_id === values.post_id && existing.to_path === values.to_path) return 'unchanged';
      await db.updateTable('redirects').set({ ...values, updated_at: at }).where('id', '=', existing.id).execute();
      return 'updated';
    },
  };
}
