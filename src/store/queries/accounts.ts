import type { Selectable } from 'kysely';
import type { Account, AccountStore } from '../../content/store-accounts.js';
import type { Role, UserStatus } from '../../content/roles.js';
import type { SqlDialect } from '../dialect.js';
import type { UsersTable } from '../schema.js';

function toAccount(row: Selectable<UsersTable>): Account {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    email: row.email,
    role: row.role as Role,
    status: row.status as UserStatus,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

/** Devices an account signed in from; migration 0009. */
interface KnownDevicesTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export function accountQueries(dialect: SqlDialect): AccountStore {
  const db = dialect.db.withTables<{ known_devices: KnownDevicesTable }>();
  return {
    async findByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return row && toAccount(row);
    },
    async findById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toAccount(row);
    },
    async list() {
      return (await db.selectFrom('users').selectAll().orderBy('name').orderBy('id').execute()).map(toAccount);
    },
    async countActiveAdministrators() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('role', '=', 'administrator')
        .where('status', '=', 'active')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async countWithPassword() {
      const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('password_hash', 'is not', null).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async setPassword(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async setStatus(id, status) {
      await db.updateTable('users').set({ status }).where('id', '=', id).execute();
    },
    async setRole(id, role) {
      await db.updateTable('users').set({ role }).where('id', '=', id).execute();
    },

    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({
          id: session.id,
          user_id: session.userId,
          csrf_token: session.csrfToken,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          user_agent: session.userAgent,
        })
        .execute();
    },
    async findSession(id, now) {
      const row = await db
        .selectFrom('sessions as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .selectAll('u')
        .select(['s.id as session_id', 's.csrf_token', 's.created_at as session_created_at', 's.expires_at', 's.user_agent'])
        .where('s.id', '=', id)
        .where('s.expires_at', '>', now)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        session: {
          id: row.session_id,
          userId: row.id,
          csrfToken: row.csrf_token,
          createdAt: row.session_created_at,
          expiresAt: row.expires_at,
          userAgent: row.user_agent,
        },
        account: toAccount(row),
      };
    },
    async deleteSession(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteSessionsOf(userId) {
      const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async createToken(token) {
      await db
        .insertInto('account_tokens')
        .values({ id: token.id, user_id: token.userId, kind: token.kind, created_at: token.createdAt, expires_at: token.expiresAt })
        .execute();
    },
    async useToken(id, kind, now) {
      const row = await db
        .updateTable('account_tokens')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('kind', '=', kind)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },
    async revokeTokens(userId, kind, now) {
      await db.updateTable('account_tokens').set({ used_at: now }).where('user_id', '=', userId).where('kind', '=', kind).where('used_at', 'is', null).execute();
    },

    async rememberDevice(device) {
      await db.deleteFrom('known_devices').where('user_id', '=', device.userId).where('expires_at', '<=', device.createdAt).execute();
      await db
        .insertInto('known_devices')
        .values({ id: device.id, user_id: device.userId, created_at: device.createdAt, expires_at: device.expiresAt })
        .onConflict((conflict) => conflict.column('id').doUpdateSet({ expires_at: device.expiresAt }))
        .execute();
    },
    async findDeviceOwner(id, now) {
      const row = await db.selectFrom('known_devices').select('user_id').where('id', '=', id).where('expires_at', '>', now).executeTakeFirst();
      return row?.user_id;
    },
  };
}
