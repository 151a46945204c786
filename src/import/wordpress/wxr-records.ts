/**
 * What a WordPress export (WXR) holds, one record per element, as the reader
 * yields them. Values are the export's own text, trimmed; numbers are parsed
 * where WordPress always writes numbers. `line` is where the record starts in
 * the file, so an import report can point at it.
 */
export interface WxrSite {
  kind: 'site';
  line: number;
  title: string;
  link: string;
  language: string;
  wxrVersion: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export interface WxrAuthor {
  kind: 'author';
  line: number;
  id: number | undefined;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

export interface WxrCategory {
  kind: 'category';
  line: number;
  termId: number | undefined;
  nicename: string;
  /** The parent's nicename, empty at the top. */
  parent: string;
  name: string;
  description: string;
}

export interface WxrTag {
  kind: 'tag';
  line: number;
  termId: number | undefined;
  slug: string;
  name: string;
  description: string;
}

/** A term of any other taxonomy (nav_menu, post_format, a theme's own). */
export interface WxrTerm {
  kind: 'term';
  line: number;
  termId: number | undefined;
  taxonomy: string;
  slug: string;
  parent: string;
  name: string;
  description: string;
}

export interface WxrItemTerm {
  /** `category`, `post_tag`, or another taxonomy. */
  domain: string;
  nicename: string;
  name: string;
}

export interface WxrMeta {
  key: string;
  value: string;
}

export interface WxrComment {
  id: number | undefined;
  author: string;
  email: string;
  url: string;
  dateGmt: string;
  content: string;
  /** `1`, `0`, `spam` or `trash`, as WordPress writes it. */
  approved: string;
  parent: number;
  /** Empty for an ordinary comment; `pingback`, `trackback`. */
  type: string;
}

export interface WxrItem {
  kind: 'item';
  line: number;
  title: string;
  link: string;
  guid: string;
  pubDate: string;
  creator: string;
  content: string;
  excerpt: string;
  postId: number | undefined;
  postDate: string;
  postDateGmt: string;
  postName: string;
  status: string;
  postParent: number;
  menuOrder: number;
  postType: string;
  postPassword: string;
  isSticky: boolean;
  attachmentUrl: string;
  terms: WxrItemTerm[];
  meta: WxrMeta[];
  comments: WxrComment[];
}

export type WxrRecord = WxrSite | WxrAuthor | WxrCategory | WxrTag | WxrTerm | WxrItem;
