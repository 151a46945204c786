import type { BodyDocument } from './body.js';

export const POST_KINDS = ['article', 'page'] as const;
export type PostKind = (typeof POST_KINDS)[number];

/** WordPress's statuses, so imported content keeps its meaning. `pending` is "pending review". */
export const POST_STATUSES = ['draft', 'pending', 'scheduled', 'published', 'trashed'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** Tags have a kind so that people and organisations get pages of their own. */
export const TAG_KINDS = ['topic', 'person', 'organization'] as const;
export type TagKind = (typeof TAG_KINDS)[number];

export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;

/**
 * The crops Google asks of an article's image in structured data (16:9, 4:3
 * and 1:1, at least 1,200 px wide); the 16:9 one is also what link previews show.
 */
export const CROP_RATIOS = ['16x9', '4x3', '1x1'] as const;
export type CropRatio = (typeof CROP_RATIOS)[number];
export type ImageFormat = (typeof IMAGE_FORMATS)[number];

/** One responsive rendition of an image; see content/media-paths.ts for where it lives. */
export interface MediaVariant {
  format: ImageFormat;
  width: number;
  height: number;
  /** Path under the media root, also the URL path under /media/. */
  path: string;
}

export interface Media {
  id: number;
  /** The original as uploaded, under the media root. */
  path: string;
  mimeType: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  /** The photographer ("DFree"). */
  credit: string | null;
  /** The agency or rights holder ("Shutterstock.com"). */
  agency: string | null;
  licence: string | null;
  /**
   * Widths the image was rendered at, ascending; each exists as AVIF, WebP and
   * JPEG at the path variantPath() gives. Stored as widths, not paths, so that
   * a picture's record stays small wherever it is copied (a post's teaser).
   */
  variantWidths: number[];
  /** Sharing crops made from the image, each a JPEG at cropPath(); empty for images stored before crops were made. */
  crops: CropRatio[];
  createdAt: string;
  /** A label to find the picture by in the library (the file's headline or title); never shown to readers. */
  title?: string | null;
  /** The file name as uploaded. */
  originalName?: string | null;
  /** The original's size in bytes; null for pictures stored before the library kept it. */
  byteSize?: number | null;
  /** The user who uploaded it; null when unknown or when that account was removed. */
  uploadedBy?: number | null;
  /** When the details (alt text, caption, credits) last changed. */
  updatedAt?: string;
}

export interface User {
  id: number;
  slug: string;
  name: string;
  email: string | null;
  bio: string | null;
  avatarMediaId: number | null;
  role: string;
  createdAt: string;
}

export interface Category {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  parentId: number | null;
}

export interface Tag {
  id: number;
  slug: string;
  name: string;
  kind: TagKind;
  description: string | null;
  imageMediaId: number | null;
}

export interface Source {
  name: string;
  url?: string;
  note?: string;
}

export interface Seo {
  title: string | null;
  description: string | null;
  canonicalUrl: string | null;
  isNoindex: boolean;
}

export interface Post {
  id: number;
  kind: PostKind;
  status: PostStatus;
  slug: string;
  title: string;
  excerpt: string;
  body: BodyDocument;
  /** The body rendered at write time; see render/body-html.ts. */
  bodyHtml: string;
  featuredMediaId: number | null;
  categoryId: number | null;
  authorIds: number[];
  tagIds: number[];
  sources: Source[];
  seo: Seo;
  /** ISO-8601 UTC. Null until the post is published or scheduled. */
  publishedAt: string | null;
  updatedAt: string;
  createdAt: string;
  /** Bumped on every save; a save that names an older revision is refused. */
  revision: number;
  /** Readers must give it to read the post (WordPress's "password protected"); null for an open post. */
  password: string | null;
  /** Listed before the others on the home page's first page (WordPress's sticky posts). */
  isSticky: boolean;
}

/** Who may read a post and where it is listed; set apart from the post's content (operations/post-access-settings.ts). */
export type PostAccess = Pick<Post, 'password' | 'isSticky'>;

export type PersonRef = Pick<User, 'id' | 'slug' | 'name'>;
export type CategoryRef = Pick<Category, 'id' | 'slug' | 'name'>;
export type TagRef = Pick<Tag, 'id' | 'slug' | 'name' | 'kind'>;

/**
 * A post as a list of stories shows it. Written with the post, as one JSON
 * value (like the body's HTML, a rendered form kept for reading), so a list
 * reads one column per story and joins nothing; rewritten whenever the post
 * or anything it shows (its section, an author, its picture) changes.
 */
export interface Teaser {
  id: number;
  kind: PostKind;
  slug: string;
  title: string;
  excerpt: string;
  publishedAt: string;
  updatedAt: string;
  category: CategoryRef | null;
  authors: PersonRef[];
  /** The featured picture, as much of it as a teaser shows. */
  image: TeaserImage | null;
}

/** A picture as a teaser shows it: no caption or credit, so the stored card stays small. */
export type TeaserImage = Pick<Media, 'id' | 'path' | 'width' | 'height' | 'alt' | 'variantWidths' | 'crops'>;

/** What a post's own page shows beyond its teaser; stored with the post the same way. */
export interface PageDetails {
  tags: TagRef[];
  sources: Source[];
  seo: Seo;
  /** What search results and link previews say of the post when it has no SEO description: its excerpt, or its opening words. */
  summary: string;
  /** The featured picture with its caption and credits, for the top of the page and for sharing. */
  featuredMedia: Media | null;
  /** The body shows the featured picture itself, so the page does not repeat it above the text. */
  isFeaturedInBody: boolean;
}

/**
 * The HTML a post is shown with, rendered when it is saved (or when what it
 * shows changes) and stored with it, so serving a page composes stored parts
 * instead of rendering them again on every request.
 */
export interface PostFragments {
  /** The story in a list (<li class="teaser">). */
  cardHtml: string;
  /** The page's <head> content: title, description, canonical link, sharing tags, structured data. */
  headHtml: string;
  /** The <article> element: headline, byline, body, sources, tags. */
  articleHtml: string;
}

/** A published post's page as stored; the large parts come as UTF-8 bytes, written out as they are. */
export interface PostPage {
  id: number;
  kind: PostKind;
  categoryId: number | null;
  categoryName: string | null;
  /** UTF-8, with the site's origin still to be filled in (render/render-site.ts ORIGIN_MARK). */
  headHtml: Buffer;
  articleHtml: Buffer;
  /**
   * The approved comments as stored (render/comments-html.ts), UTF-8; empty
   * when there are none, and always empty for a protected post, whose page
   * shows them only once the reader has given the password.
   */
  commentsHtml: Buffer;
  /** It has a password: articleHtml is the password form, not the story. */
  isProtected: boolean;
}

/** A story in a list: its stored card and its place in the order. */
export interface CardRow {
  id: number;
  publishedAt: string;
  html: Buffer;
}

export interface SiteSettings {
  title: string;
  tagline: string;
  /** BCP 47, e.g. "en". */
  language: string;
  /** IANA zone used to show dates, e.g. "America/New_York". */
  timezone: string;
  logoMediaId: number | null;
  postsPerPage: number;
  /** Serve the AMP "mobile version" of each article at /{slug}/amp/; off, old AMP URLs redirect to the article. */
  ampEnabled: boolean;
  /** What feeds carry of each story: the whole text, or only its summary (WordPress's "For each post in a feed, include"). */
  feedContent: FeedContent;
  /** The header menu, in order; empty for the automatic one (the sections with the newest stories). */
  navigation: NavigationItem[];
}

/** A link in the site's header menu: a path on the site (`/category/music/`) or an http(s) address. */
export interface NavigationItem {
  label: string;
  url: string;
}

export const FEED_CONTENTS = ['full', 'excerpt'] as const;
export type FeedContent = (typeof FEED_CONTENTS)[number];

export const DEFAULT_SETTINGS: SiteSettings = {
  title: 'Masthead',
  tagline: 'A new publication',
  language: 'en',
  timezone: 'UTC',
  logoMediaId: null,
  postsPerPage: 20,
  ampEnabled: false,
  feedContent: 'full',
  navigation: [],
};
