import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { InvitationInput, RoleChangeInput } from '../operations/accounts/account-inputs.js';
import type { AccountsContext } from '../operations/accounts/context.js';
import { inviteUser } from '../operations/accounts/create-account.js';
import { changeRole, deactivateUser, reactivateUser } from '../operations/accounts/manage-users.js';
import { requireCapability } from './guard.js';
import { publicAccount } from './responses.js';
import { RecordId } from '../lib/record-id.js';

const tags = ['Users'];
const IdParams = Type.Object({ id: RecordId });

/** People: administrators invite them, change their roles and deactivate them. */
export async function userRoutes(app: FastifyInstance, { context }: { context: AccountsContext }): Promise<void> {
  app.get('/users', { schema: { tags, summary: 'Everyone with an account' } }, async (request) => {
    requireCapability(request, 'users.manage', 'list users');
    return { items: (await context.store.accounts.list()).map(publicAccount) };
  });

  app.post('/users/invitations', { schema: { tags, summary: 'Invite someone by email, with a role', body: InvitationInput } }, async (request, reply) => {
    const actor = requireCapability(request, 'users.manage', 'invite people');
    const { account } = await inviteUser(context, actor, request.body, { ip: request.ip });
    return reply.code(201).send({ user: publicAccount(account) });
  });

  app.put<{ Params: { id: number } }>('/users/:id/role', { schema: { tags, summary: "Change someone's role", params: IdParams, body: RoleChangeInput } }, async (request) => {
    const actor = requireCapability(request, 'users.manage', "change people's roles");
    return { user: publicAccount(await changeRole(context, actor, request.params.id, request.body)) };
  });

  app.post<{ Params: { id: number } }>('/users/:id/deactivate', { schema: { tags, summary: 'Deactivate an account; its sessions end at once', params: IdParams } }, async (request) => {
    const actor = requireCapability(request, 'users.manage', 'deactivate people');
    return { user: publicAccount(await deactivateUser(context, actor, request.params.id)) };
  });

  app.post<{ Params: { id: number } }>('/users/:id/reactivate', { schema: { tags, summary: 'Let a deactivated account sign in again', params: IdParams } }, async (request) => {
    requireCapability(request, 'users.manage', 'reactivate people');
    return { user: publicAccount(await reactivateUser(context, request.params.id)) };
  });
}
