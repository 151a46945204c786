import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { RedirectChanges, RedirectInput, RedirectListInput } from '../content/redirect-schemas.js';
import type { Redirect, RedirectListItem } from '../content/store-redirects.js';
import type { OperationContext } from '../operations/context.js';
import { createRedirect, deleteRedirect, listRedirects, updateRedirect } from '../operations/redirects/manage-redirects.js';
import { requireCapability } from './guard.js';
import { RecordId } from '../lib/record-id.js';

const tags = ['Redirects'];
const IdParams = Type.Object({ id: RecordId });
const ListQuery = Type.Object(
  {
    ...RedirectListInput.properties,
    page: Type.Optional(RedirectListInput.properties.page),
    perPage: Type.Optional(RedirectListInput.properties.perPage),
  },
  { additionalProperties: false },
);
const DEFAULT_PER_PAGE = 50;

type Id = { Params: { id: number } };

/** A redirect as the API shows it: its target as the two fields a client sends, one of them null. */
function apiRedirect(redirect: Redirect | RedirectListItem) {
  const { target, ...rest } = redirect;
  return { ...rest, toPath: 'path' in target ? target.path : null, postId: 'postId' in target ? target.postId : null };
}

/** Old addresses and where they lead; editors and administrators only. */
export async function redirectRoutes(app: FastifyInstance, options: { context: OperationContext }): Promise<void> {
  const { context } = options;

  app.get<{ Querystring: Static<typeof ListQuery> }>(
    '/redirects',
    { schema: { tags, summary: 'Redirects, newest first, found by words in the old address or the target and by who made them', querystring: ListQuery } },
    async (request) => {
      requireCapability(request, 'redirects.manage', 'see redirects');
      const found = await listRedirects(context, { ...request.query, page: request.query.page ?? 1, perPage: request.query.perPage ?? DEFAULT_PER_PAGE });
      return { ...found, items: found.items.map(apiRedirect) };
    },
  );

  app.post(
    '/redirects',
    { schema: { tags, summary: 'Make an old address lead to a path, a URL or a post (301 unless statusCode says otherwise)', body: RedirectInput } },
    async (request, reply) => {
      requireCapability(request, 'redirects.manage', 'add redirects');
      return reply.code(201).send({ redirect: apiRedirect(await createRedirect(context, request.body)) });
    },
  );

  app.patch<Id>(
    '/redirects/:id',
    { schema: { tags, summary: 'Change a redirect; an imported one becomes the newsroom’s, which a new import leaves alone', params: IdParams, body: RedirectChanges } },
    async (request) => {
      requireCapability(request, 'redirects.manage', 'change redirects');
      return { redirect: apiRedirect(await updateRedirect(context, request.params.id, request.body)) };
    },
  );

  app.delete<Id>('/redirects/:id', { schema: { tags, summary: 'Delete a redirect; its old address answers 404 again', params: IdParams } }, async (request) => {
    requireCapability(request, 'redirects.manage', 'delete redirects');
    await deleteRedirect(context, request.params.id);
    return { deleted: request.params.id };
  });
}
