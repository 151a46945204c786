import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { compileParser } from '../lib/validate.js';
import { REDIRECT_STATUSES, type RedirectStatus } from './store-redirects.js';
import { RecordId } from '../lib/record-id.js';

/**
 * What the newsroom may hand to the redirect operations. The shapes are
 * checked here; what an address must be (a path on this site, not the
 * newsroom's, not a loop) is checked by operations/redirects/redirect-checks.ts,
 * which needs the store.
 */

const Address = Type.String({ minLength: 1, maxLength: 2000 });
const Id = RecordId;
const Status = Type.Union(REDIRECT_STATUSES.map((code) => Type.Literal(code))) as unknown as TUnion<TLiteral<RedirectStatus>[]>;

const fields = {
  /** The old address: a path (`/2019/05/old-story/`, `/?p=123`) or a full URL of the old site. */
  fromPath: Address,
  /** Where it leads: a path on this site or an absolute http(s) URL. Give this or postId. */
  toPath: Type.Optional(Address),
  /** Or a post, followed to its address of the day. */
  postId: Type.Optional(Id),
  /** 301 unless said otherwise. */
  statusCode: Type.Optional(Status),
};

export const RedirectInput = Type.Object(fields, { additionalProperties: false });
export type RedirectInput = Static<typeof RedirectInput>;
export const redirectInput = compileParser(RedirectInput);

// An empty edit is a client's mistake worth reporting, not a silent success.
export const RedirectChanges = Type.Object({ ...fields, fromPath: Type.Optional(Address) }, { additionalProperties: false, minProperties: 1 });
export type RedirectChanges = Static<typeof RedirectChanges>;
export const redirectChanges = compileParser(RedirectChanges);

export const RedirectListInput = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 200 })),
    origin: Type.Optional(Type.Union([Type.Literal('newsroom'), Type.Literal('import')])),
    page: Type.Integer({ minimum: 1, maximum: 100_000 }),
    perPage: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export type RedirectListInput = Static<typeof RedirectListInput>;
export const redirectListInput = compileParser(RedirectListInput);
