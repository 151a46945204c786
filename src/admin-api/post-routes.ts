import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from '@sinclair/typebox';
import { NewsroomListInput, PostChanges } from '../content/schemas-editorial.js';
import { can } from '../content/roles.js';
import { referencedMedia } from '../content/body.js';
import type { Post } from '../content/types.js';
import { AppError, validationFailed } from '../lib/errors.js';
import type { OperationContext } from '../operations/context.js';
import { createPost } from '../operations/create-post.js';
import { applyPostAccess } from '../operations/post-access-settings.js';
import {
  approveAndPublish,
  autosavePost,
  createPreviewToken,
  diffRevisions,
  listPostsForNewsroom,
  listRevisions,
  readAutosave,
  readReviewNote,
  restoreRevision,
  schedule,
  sendBack,
  submitForReview,
  unpublish,
  updatePost,
} from '../operations/editorial/index.js';
import { requireCapability, staffOf } from './guard.js';
import { mediaView } from './media-routes.js';
import { canEdit, canPublish, checkAuthors, checkKind, postFor } from './post-access.js';
import { RecordId } from '../lib/record-id.js';

const tags = ['Posts'];
const Id = RecordId;
const IdParams = Type.Object({ id: Id });
const RevisionParams = Type.Object({ id: Id, revision: Id });
const closed = { additionalProperties: false } as const;
/** Workflow steps name the revision they were taken from; without it, the current one. */
const StepBody = Type.Object({ revision: Type.Optional(Id) }, closed);
const IsoDate = Type.String({ format: 'date-time' });
const ListQuery = NewsroomListInput;
/** WordPress keeps a post's password in a VARCHAR(255); empty is none. */
const AccessBody = Type.Object({ password: Type.Union([Type.String({ maxLength: 255 }), Type.Null()]), isSticky: Type.Boolean() }, closed);

/** A post as the editor loads it. */
function editable(post: Post) {
  const { bodyHtml: _html, ...rest } = post;
  return rest;
}

/**
 * Posts in the newsroom: the list, the editor's load and save (with the
 * revision it started from), autosave, revisions, previews and the review
 * workflow. Every route checks the person's role against the post before it
 * reads or writes (admin-api/post-access.ts).
 */
export async function postRoutes(app: FastifyInstance, options: { context: OperationContext; siteUrl: string; mediaBase: string }): Promise<void> {
  const { context } = options;
  const as = (actor: { id: number; role: string }) => ({ ...context, actor });

  app.get('/posts', { schema: { tags, summary: 'Posts, newest updated first, with filters', querystring: ListQuery } }, async (request) => {
    return listPostsForNewsroom(as(staffOf(request)), request.query);
  });

  app.post('/posts', { schema: { tags, summary: 'Start a post (a draft)', body: PostChanges } }, async (request, reply) => {
    const staff = requireCapability(request, 'posts.write-own', 'write posts');
    const body = request.body as Record<string, unknown> & { authorIds?: number[] };
    checkAuthors(staff, body.authorIds);
    checkKind(staff, body.kind);
    const post = await createPost(as(staff), { body: [], authorIds: [staff.id], ...body, status: 'draft' });
    return reply.code(201).send({ post: editable(post) });
  });

  app.get<{ Params: { id: number } }>('/posts/:id', { schema: { tags, summary: 'A post as the editor loads it, with its pictures, the review note and your autosave', params: IdParams } }, async (request) => {
    const { staff, post } = await postFor(context, request, request.params.id, canEdit, 'edit this post');
    const ids = [...new Set([...(post.featuredMediaId ? [post.featuredMediaId] : []), ...referencedMedia(post.body)])];
    const [media, autosave, reviewNote] = await Promise.all([
      context.store.media.findByIds(ids),
      readAutosave(as(staff), { id: post.id }),
      readReviewNote(as(staff), { id: post.id }),
    ]);
    return { post: editable(post), media: media.map((item) => mediaView(item, options.mediaBase)), autosave, reviewNote };
  });

  app.put<{ Params: { id: number } }>('/posts/:id', { schema: { tags, summary: 'Save a post; refused (409) if someone saved since the revision you opened', params: IdParams, body: Type.Composite([Type.Object({ revision: Id }), PostChanges], closed) } }, async (request) => {
    const { staff } = await postFor(context, request, request.params.id, canEdit, 'edit this post');
    const body = request.body as Record<string, unknown> & { authorIds?: number[] };
    checkAuthors(staff, body.authorIds);
    checkKind(staff, body.kind);
    return { post: editable(await updatePost(as(staff), { ...body, id: request.params.id })) };
  });

  // WordPress's rules: whoever may edit a post may protect it; making it sticky (or not) takes someone who may publish it.
  app.put<{ Params: { id: number } }>('/posts/:id/access', { schema: { tags, summary: 'Password-protect a post (null or empty: open), or make it sticky on the home page', params: IdParams, body: AccessBody } }, async (request) => {
    const { staff, post } = await postFor(context, request, request.params.id, canEdit, 'edit this post');
    const body = request.body as { password: string | null; isSticky: boolean };
    if (body.isSticky !== post.isSticky) {
      if (!canPublish(staff, post)) throw new AppError('FORBIDDEN', `Your role (${staff.role}) cannot make this post sticky or not`);
      if (body.isSticky && post.kind !== 'article') throw validationFailed([{ path: '/isSticky', message: 'only articles can be sticky' }]);
    }
    await applyPostAccess(context.store, post.id, body);
    return { post: editable((await context.store.posts.findById(post.id))!) };
  });

  app.put<{ Params: { id: number } }>('/posts/:id/autosave', { schema: { tags, summary: 'Keep unsaved changes for you, without a revision', params: IdParams, body: Type.Composite([Type.Object({ revision: Id }), PostChanges], closed) } }, async (request) => {
    const { staff } = await postFor(context, request, request.params.id, canEdit, 'edit this post');
    return { autosave: await autosavePost(as(staff), { ...(request.body as object), id: request.params.id }) };
  });

  const step = (path: string, summary: string, allowed: typeof canEdit, refusal: string, extra: Record<string, TSchema>, run: typeof submitForReview) =>
    app.post<{ Params: { id: number } }>(`/posts/:id/${path}`, { schema: { tags, summary, params: IdParams, body: Type.Composite([StepBody, Type.Object(extra, closed)], closed) } }, async (request) => {
      const { staff, post } = await postFor(context, request, request.params.id, allowed, refusal);
      const body = (request.body ?? {}) as { revision?: number };
      return { post: editable(await run(as(staff), { ...body, revision: body.revision ?? post.revision, id: post.id })) };
    });

  step('submit', 'Submit for review (draft → pending)', canEdit, 'submit this post', {}, submitForReview);
  step('approve', 'Publish now, or schedule when publishedAt is in the future', canPublish, 'publish this post', { publishedAt: Type.Optional(IsoDate) }, approveAndPublish);
  step('schedule', 'Schedule for publishedAt (in the future)', canPublish, 'schedule this post', { publishedAt: IsoDate }, schedule);
  step('unpublish', 'Take a published or scheduled post back to draft', canPublish, 'unpublish this post', {}, unpublish);
  step('send-back', 'Send a post in review back to its writer with a note', (staff) => can(staff.role, 'posts.edit-others'), 'send posts back', { note: Type.String({ minLength: 1, maxLength: 2000 }) }, sendBack);

  app.post<{ Params: { id: number } }>('/posts/:id/preview', { schema: { tags, summary: 'A private link to the post as it would look, valid 7 days', params: IdParams } }, async (request, reply) => {
    const { staff, post } = await postFor(context, request, request.params.id, canEdit, 'preview this post');
    const { token, expiresAt } = await createPreviewToken(as(staff), { id: post.id });
    return reply.code(201).send({ url: `${options.siteUrl}/preview/${token}`, expiresAt });
  });

  app.get<{ Params: { id: number } }>('/posts/:id/revisions', { schema: { tags, summary: 'Every save of a post, newest first', params: IdParams } }, async (request) => {
    const { post } = await postFor(context, request, request.params.id, canEdit, 'see this post');
    return { items: await listRevisions(context, { id: post.id }) };
  });

  app.get<{ Params: { id: number; revision: number }; Querystring: { to?: number } }>(
    '/posts/:id/revisions/:revision/diff',
    { schema: { tags, summary: 'What changed from a revision to another (or to the post as it is)', params: RevisionParams, querystring: Type.Object({ to: Type.Optional(Id) }, closed) } },
    async (request) => {
      const { post } = await postFor(context, request, request.params.id, canEdit, 'see this post');
      return diffRevisions(context, { id: post.id, from: request.params.revision, ...(request.query.to ? { to: request.query.to } : {}) });
    },
  );

  app.post<{ Params: { id: number; revision: number } }>(
    '/posts/:id/revisions/:revision/restore',
    { schema: { tags, summary: 'Save an old revision again as the current one', params: RevisionParams, body: StepBody } },
    async (request) => {
      const { staff, post } = await postFor(context, request, request.params.id, canEdit, 'edit this post');
      const body = (request.body ?? {}) as { revision?: number };
      return { post: editable(await restoreRevision(as(staff), { id: post.id, revision: body.revision ?? post.revision, from: request.params.revision })) };
    },
  );
}
