import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { compileParser } from '../lib/validate.js';
import { CategoryInput, TagInput } from './schemas.js';
import { TAG_KINDS } from './types.js';
import { RecordId } from '../lib/record-id.js';

/**
 * What the newsroom may hand to the taxonomy operations. An edit names only
 * the fields it changes; `null` clears a description, a picture or a parent.
 */

const Id = RecordId;
const Description = Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]);
const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;
// An empty edit is a client's mistake worth reporting, not a silent success.
const edit = { additionalProperties: false, minProperties: 1 } as const;

export const TagChanges = Type.Object(
  {
    name: Type.Optional(TagInput.properties.name),
    slug: Type.Optional(TagInput.properties.slug),
    kind: Type.Optional(Literals(TAG_KINDS)),
    description: Type.Optional(Description),
    imageMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  edit,
);
export type TagChanges = Static<typeof TagChanges>;
export const tagChanges = compileParser(TagChanges);

export const CategoryChanges = Type.Object(
  {
    name: Type.Optional(CategoryInput.properties.name),
    slug: Type.Optional(CategoryInput.properties.slug),
    description: Type.Optional(Description),
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  edit,
);
export type CategoryChanges = Static<typeof CategoryChanges>;
export const categoryChanges = compileParser(CategoryChanges);

export const TagMergeInput = Type.Object({ from: Id, into: Id }, { additionalProperties: false });
export type TagMergeInput = Static<typeof TagMergeInput>;
export const tagMergeInput = compileParser(TagMergeInput);

export const TagListInput = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 200 })),
    kind: Type.Optional(Literals(TAG_KINDS)),
    page: Type.Integer({ minimum: 1, maximum: 100_000 }),
    perPage: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export type TagListInput = Static<typeof TagListInput>;
export const tagListInput = compileParser(TagListInput);
