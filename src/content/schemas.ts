import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { CALENDAR_DATE_TIME_FORMAT } from '../lib/calendar-date.js';
import { ONE_LINE_FORMAT } from '../lib/plain-text.js';
import { compileParser } from '../lib/validate.js';
import { SLUG_PATTERN } from '../lib/slug.js';
import { FEED_CONTENTS, POST_KINDS, POST_STATUSES, TAG_KINDS } from './types.js';
import { RecordId } from '../lib/record-id.js';

/**
 * Input schemas: what a caller (the newsroom, the API, an importer, the demo
 * seeder) may hand to an operation. Unknown fields are errors, so a typo is
 * reported instead of silently dropped.
 *
 * Every string also follows the plain-text rule (lib/plain-text.ts: no lone
 * surrogates or control characters), checked by compileParser; fields shown on
 * one line (titles, names, labels) are `OneLine` and refuse line breaks too.
 */

const Slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 190 });
const Id = RecordId;
const OneLine = (options: { minLength?: number; maxLength: number }) => Type.String({ ...options, format: ONE_LINE_FORMAT });
const Name = OneLine({ minLength: 1, maxLength: 200 });
const HttpUrl = Type.String({ pattern: '^https?://[^\\s]+$', maxLength: 2048 });
// A real day of the calendar, in the years lib/calendar-date.ts accepts; not only the shape of one.
const IsoDate = Type.String({ format: CALENDAR_DATE_TIME_FORMAT });
const Literals = <T extends readonly string[]>(values: T) =>
  Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T[number]>[]>;

export const SourceInput = Type.Object(
  { name: Name, url: Type.Optional(HttpUrl), note: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);

export const SeoInput = Type.Object(
  {
    title: Type.Optional(OneLine({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 400 })),
    canonicalUrl: Type.Optional(HttpUrl),
    isNoindex: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const PostInput = Type.Object(
  {
    kind: Type.Optional(Literals(POST_KINDS)),
    status: Type.Optional(Literals(POST_STATUSES)),
    slug: Type.Optional(Slug),
    title: OneLine({ minLength: 1, maxLength: 300 }),
    excerpt: Type.Optional(Type.String({ maxLength: 1000 })),
    // The body is checked block by block by checkBody(); here it only has to be a list.
    body: Type.Array(Type.Unknown()),
    featuredMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
    categoryId: Type.Optional(Type.Union([Id, Type.Null()])),
    authorIds: Type.Array(Id, { minItems: 1, maxItems: 20, uniqueItems: true }),
    tagIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    sources: Type.Optional(Type.Array(SourceInput, { maxItems: 50 })),
    seo: Type.Optional(SeoInput),
    publishedAt: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);
export type PostInput = Static<typeof PostInput>;
export const postInput = compileParser(PostInput);

export const TagInput = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Slug),
    kind: Type.Optional(Literals(TAG_KINDS)),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    imageMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type TagInput = Static<typeof TagInput>;
export const tagInput = compileParser(TagInput);

export const CategoryInput = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Slug),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    parentId: Type.Optional(Type.Union([Id, Type.Null()])),
  },
  { additionalProperties: false },
);
export type CategoryInput = Static<typeof CategoryInput>;
export const categoryInput = compileParser(CategoryInput);

export const UserInput = Type.Object(
  {
    name: Name,
    slug: Type.Optional(Slug),
    email: Type.Optional(Type.String({ pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$', maxLength: 254 })),
    bio: Type.Optional(Type.String({ maxLength: 2000 })),
    avatarMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
    role: Type.Optional(Literals(['contributor', 'author', 'editor', 'administrator'] as const)),
  },
  { additionalProperties: false },
);
export type UserInput = Static<typeof UserInput>;
export const userInput = compileParser(UserInput);

export const MediaInput = Type.Object(
  {
    alt: Type.String({ maxLength: 500 }),
    caption: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
    credit: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    agency: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
    licence: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    originalName: Type.Optional(Type.String({ maxLength: 255 })),
  },
  { additionalProperties: false },
);
export type MediaInput = Static<typeof MediaInput>;
export const mediaInput = compileParser(MediaInput);

/** More links than a header can show on a phone without wrapping into a wall of text. */
export const MAX_NAVIGATION_ITEMS = 12;

// A path on the site ("/" or "/x…"; never "//host" or "/\host", which
// browsers take to another site) or an http(s) address: nothing a browser
// would run, such as "javascript:".
const NavigationItemInput = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', format: ONE_LINE_FORMAT }),
    url: Type.String({ pattern: '^(/([^/\\\\\\s][^\\s]*)?|https?://[^\\s]+)$', maxLength: 2048 }),
  },
  { additionalProperties: false },
);

export const SettingsInput = Type.Object(
  {
    title: Type.Optional(Name),
    tagline: Type.Optional(OneLine({ maxLength: 300 })),
    language: Type.Optional(Type.String({ pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' })),
    timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    logoMediaId: Type.Optional(Type.Union([Id, Type.Null()])),
    postsPerPage: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    ampEnabled: Type.Optional(Type.Boolean()),
    feedContent: Type.Optional(Literals(FEED_CONTENTS)),
    navigation: Type.Optional(Type.Array(NavigationItemInput, { maxItems: MAX_NAVIGATION_ITEMS })),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsInput>;
export const settingsInput = compileParser(SettingsInput);
