import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { compileParser } from '../lib/validate.js';
import { RecordId } from '../lib/record-id.js';

/**
 * What the newsroom may hand to the media library's operations. Unknown
 * fields are errors, so a misspelt field is reported instead of ignored.
 */

/** The types an upload may be, as sniffed from its bytes. */
export const MEDIA_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;

/** The longest each text field may be; metadata read from a file is cut to fit. */
export const MEDIA_TEXT_LIMITS = { alt: 500, caption: 2000, credit: 200, agency: 200, licence: 500, title: 200 } as const;
export type MediaTextField = keyof typeof MEDIA_TEXT_LIMITS;
export const MEDIA_TEXT_FIELDS = Object.keys(MEDIA_TEXT_LIMITS) as MediaTextField[];

const Id = RecordId;
const OptionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

const detailFields = {
  // No alt text is allowed while a picture waits in the library; publishing a post that shows it is not.
  alt: Type.Optional(Type.String({ maxLength: MEDIA_TEXT_LIMITS.alt })),
  caption: OptionalText(MEDIA_TEXT_LIMITS.caption),
  credit: OptionalText(MEDIA_TEXT_LIMITS.credit),
  agency: OptionalText(MEDIA_TEXT_LIMITS.agency),
  licence: OptionalText(MEDIA_TEXT_LIMITS.licence),
  title: OptionalText(MEDIA_TEXT_LIMITS.title),
};

/** Details given with an upload; each one given wins over what the file's metadata says. */
export const MediaDetailsInput = Type.Object(detailFields, { additionalProperties: false });
export type MediaDetailsInput = Static<typeof MediaDetailsInput>;
export const mediaDetailsInput = compileParser(MediaDetailsInput);

export const MediaDetailsUpdate = Type.Object({ id: Id, ...detailFields }, { additionalProperties: false });
export type MediaDetailsUpdate = Static<typeof MediaDetailsUpdate>;
export const mediaDetailsUpdate = compileParser(MediaDetailsUpdate);

export const MediaSearchInput = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 200 })),
    mimeType: Type.Optional(Literals(MEDIA_MIME_TYPES)),
    uploadedBy: Type.Optional(Id),
    /** true: only pictures still without alt text; false: only pictures with it. */
    missingAlt: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, maximum: 100_000 }),
    perPage: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);
export type MediaSearchInput = Static<typeof MediaSearchInput>;
export const mediaSearchInput = compileParser(MediaSearchInput);
