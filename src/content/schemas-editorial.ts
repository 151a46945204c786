import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { compileParser } from '../lib/validate.js';
import { PostInput } from './schemas.js';
import { POST_KINDS, POST_STATUSES } from './types.js';
import { RecordId } from '../lib/record-id.js';

/**
 * Input schemas of the newsroom's operations. A save names the post and the
 * revision its editor started from; the fields it changes are those of a new
 * post, each optional, and each given one replaces the stored value whole
 * (a list of tags, the SEO overrides, the body). Status is not among them:
 * it changes only through the workflow, whose rules a save cannot skip.
 */

const Id = RecordId;
const Revision = RecordId;
const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
const closed = { additionalProperties: false } as const;

const PostRef = Type.Object({ id: Id, revision: Revision }, closed);
const PublishedAt = Type.Required(Type.Pick(PostInput, ['publishedAt']));

export const PostChanges = Type.Partial(Type.Omit(PostInput, ['status']));
export type PostChanges = Static<typeof PostChanges>;

export const PostUpdateInput = Type.Composite([PostRef, PostChanges], closed);
export type PostUpdateInput = Static<typeof PostUpdateInput>;
export const postUpdateInput = compileParser(PostUpdateInput);

export const postRefInput = compileParser(PostRef);
export const approveInput = compileParser(Type.Composite([PostRef, Type.Partial(PublishedAt)], closed));
export const scheduleInput = compileParser(Type.Composite([PostRef, PublishedAt], closed));
export const sendBackInput = compileParser(
  Type.Composite([PostRef, Type.Object({ note: Type.String({ minLength: 1, maxLength: 2000 }) })], closed),
);
export const restoreInput = compileParser(Type.Composite([PostRef, Type.Object({ from: Revision })], closed));

export const postIdInput = compileParser(Type.Object({ id: Id }, closed));
/** Two revisions of a post; without `to`, the post as it is now. */
export const revisionDiffInput = compileParser(Type.Object({ id: Id, from: Revision, to: Type.Optional(Revision) }, closed));
export const previewLinkInput = compileParser(
  Type.Object({ id: Id, expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })) }, closed),
);

export const ShownThingInput = Type.Union([
  Type.Object({ mediaId: Id }, closed),
  Type.Object({ tagId: Id }, closed),
  Type.Object({ categoryId: Id }, closed),
  Type.Object({ userId: Id }, closed),
]);
export const shownThingInput = compileParser(ShownThingInput);

export const NewsroomListInput = Type.Object(
  {
    status: Type.Optional(Literals(POST_STATUSES)),
    kind: Type.Optional(Literals(POST_KINDS)),
    authorId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    tagId: Type.Optional(Id),
    text: Type.Optional(Type.String({ maxLength: 200 })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    perPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  closed,
);
export type NewsroomListInput = Static<typeof NewsroomListInput>;
export const newsroomListInput = compileParser(NewsroomListInput);
