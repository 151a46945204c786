import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { AppError } from '../lib/errors.js';
import { can, type Staff } from '../content/roles.js';
import { CategoryInput, TagInput } from '../content/schemas.js';
import { CategoryChanges, TagChanges, TagListInput } from '../content/taxonomy-schemas.js';
import type { OperationContext } from '../operations/context.js';
import { createCategory, createTag } from '../operations/create-terms.js';
import { deleteCategory, updateCategory } from '../operations/taxonomy/categories.js';
import { listCategories, listTags } from '../operations/taxonomy/list-terms.js';
import { mergeTags } from '../operations/taxonomy/merge-tags.js';
import { deleteTag, updateTag } from '../operations/taxonomy/tags.js';
import { requireCapability, staffOf } from './guard.js';
import { RecordId } from '../lib/record-id.js';

const tags = ['Taxonomy'];
const IdParams = Type.Object({ id: RecordId });
const MergeBody = Type.Object({ into: RecordId }, { additionalProperties: false });
const TagListQuery = Type.Object(
  {
    ...TagListInput.properties,
    page: Type.Optional(TagListInput.properties.page),
    perPage: Type.Optional(TagListInput.properties.perPage),
  },
  { additionalProperties: false },
);
const DEFAULT_PER_PAGE = 50;

type Id = { Params: { id: number } };

/**
 * Writers tag people, organisations and topics while they write, so whoever
 * may write a post may add a tag, by its name and kind; changing, deleting and
 * merging tags is an editor's job, as are categories. So are a new tag's
 * description and picture: the tag's public page shows them at once, before
 * any post with the tag is published (WordPress's manage_categories).
 */
function requireTagCreator(request: FastifyRequest): Staff {
  const staff = staffOf(request);
  if (can(staff.role, 'terms.manage')) return staff;
  requireCapability(request, 'posts.write-own', 'create tags');
  const body = request.body as { description?: string; imageMediaId?: number | null };
  const described = [
    ...(body.description ? [{ path: '/description', message: 'is written by editors and administrators' }] : []),
    ...(body.imageMediaId ? [{ path: '/imageMediaId', message: 'is chosen by editors and administrators' }] : []),
  ];
  if (described.length > 0) throw new AppError('FORBIDDEN', `Your role (${staff.role}) can create a tag by its name and kind only`, { issues: described });
  return staff;
}

/** Categories and tags. A change to categories may change the site's menu of sections, so this process rebuilds it at once. */
export async function taxonomyRoutes(app: FastifyInstance, options: { context: OperationContext; onSiteChange: () => Promise<unknown> }): Promise<void> {
  const { context } = options;

  app.get('/categories', { schema: { tags, summary: 'Every category, with its parent and how many posts it has' } }, async (request) => {
    staffOf(request);
    return { items: await listCategories(context) };
  });

  app.post('/categories', { schema: { tags, summary: 'Create a category', body: CategoryInput } }, async (request, reply) => {
    requireCapability(request, 'terms.manage', 'create categories');
    const category = await createCategory(context, request.body);
    await options.onSiteChange();
    return reply.code(201).send({ category });
  });

  app.patch<Id>('/categories/:id', { schema: { tags, summary: 'Change a category; its posts are rendered again when its name or slug changes', params: IdParams, body: CategoryChanges } }, async (request) => {
    requireCapability(request, 'terms.manage', 'change categories');
    const { term, rerendered } = await updateCategory(context, request.params.id, request.body);
    await options.onSiteChange();
    return { category: term, postsRerendered: rerendered.rendered.length };
  });

  app.delete<Id>('/categories/:id', { schema: { tags, summary: 'Delete a category; its posts are left without one, its subcategories move to the top', params: IdParams } }, async (request) => {
    requireCapability(request, 'terms.manage', 'delete categories');
    const rerendered = await deleteCategory(context, request.params.id);
    await options.onSiteChange();
    return { postsRerendered: rerendered.rendered.length };
  });

  app.get<{ Querystring: Static<typeof TagListQuery> }>(
    '/tags',
    { schema: { tags, summary: 'Tags by name, with how many posts each has', querystring: TagListQuery } },
    async (request) => {
      staffOf(request);
      return listTags(context, { ...request.query, page: request.query.page ?? 1, perPage: request.query.perPage ?? DEFAULT_PER_PAGE });
    },
  );

  app.post('/tags', { schema: { tags, summary: 'Create a tag (anyone who writes posts may)', body: TagInput } }, async (request, reply) => {
    requireTagCreator(request);
    return reply.code(201).send({ tag: await createTag(context, request.body) });
  });

  app.patch<Id>('/tags/:id', { schema: { tags, summary: 'Change a tag; its posts are rendered again when its name, slug or kind changes', params: IdParams, body: TagChanges } }, async (request) => {
    requireCapability(request, 'terms.manage', 'change tags');
    const { term, rerendered } = await updateTag(context, request.params.id, request.body);
    return { tag: term, postsRerendered: rerendered.rendered.length };
  });

  app.delete<Id>('/tags/:id', { schema: { tags, summary: 'Delete a tag; its posts lose it', params: IdParams } }, async (request) => {
    requireCapability(request, 'terms.manage', 'delete tags');
    return { postsRerendered: (await deleteTag(context, request.params.id)).rendered.length };
  });

  app.post<Id & { Body: { into: number } }>(
    '/tags/:id/merge',
    { schema: { tags, summary: 'Merge this tag into another: its posts get that tag, its address redirects there, and it is deleted', params: IdParams, body: MergeBody } },
    async (request) => {
      requireCapability(request, 'terms.manage', 'merge tags');
      const { term, movedPosts, rerendered } = await mergeTags(context, { from: request.params.id, into: request.body.into });
      return { tag: term, movedPosts, postsRerendered: rerendered.rendered.length };
    },
  );
}
