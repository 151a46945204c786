import type { WxrAuthor, WxrCategory, WxrComment, WxrItem, WxrItemTerm, WxrMeta, WxrRecord, WxrSite, WxrTag, WxrTerm } from './wxr-records.js';

/**
 * Turns the leaf texts the reader collected (keyed `wp:post_id`, `title`…,
 * whatever prefix the file itself used) into typed records. Missing fields
 * become empty strings, as WordPress's own importer treats them.
 */
export type Fields = Map<string, string>;

const text = (fields: Fields, key: string): string => fields.get(key) ?? '';

function whole(fields: Fields, key: string): number | undefined {
  const value = fields.get(key);
  return value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

export function siteRecord(fields: Fields, line: number): WxrSite {
  return {
    kind: 'site',
    line,
    title: text(fields, 'title'),
    link: text(fields, 'link'),
    language: text(fields, 'language'),
    wxrVersion: text(fields, 'wp:wxr_version'),
    baseSiteUrl: text(fields, 'wp:base_site_url'),
    baseBlogUrl: text(fields, 'wp:base_blog_url'),
  };
}

export function channelRecord(kind: 'wp:author' | 'wp:category' | 'wp:tag' | 'wp:term', fields: Fields, line: number): WxrRecord {
  const termId = whole(fields, 'wp:term_id');
  const description = text(fields, `wp:${kind === 'wp:category' ? 'category' : kind.slice(3)}_description`);
  switch (kind) {
    case 'wp:author':
      return {
        kind: 'author', line, id: whole(fields, 'wp:author_id'), login: text(fields, 'wp:author_login'),
        email: text(fields, 'wp:author_email'), displayName: text(fields, 'wp:author_display_name'),
        firstName: text(fields, 'wp:author_first_name'), lastName: text(fields, 'wp:author_last_name'),
      } satisfies WxrAuthor;
    case 'wp:category':
      return {
        kind: 'category', line, termId, nicename: text(fields, 'wp:category_nicename'),
        parent: text(fields, 'wp:category_parent'), name: text(fields, 'wp:cat_name'), description,
      } satisfies WxrCategory;
    case 'wp:tag':
      return { kind: 'tag', line, termId, slug: text(fields, 'wp:tag_slug'), name: text(fields, 'wp:tag_name'), description } satisfies WxrTag;
    case 'wp:term':
      return {
        kind: 'term', line, termId, taxonomy: text(fields, 'wp:term_taxonomy'), slug: text(fields, 'wp:term_slug'),
        parent: text(fields, 'wp:term_parent'), name: text(fields, 'wp:term_name'), description,
      } satisfies WxrTerm;
  }
}

export function commentRecord(fields: Fields): WxrComment {
  return {
    id: whole(fields, 'wp:comment_id'),
    author: text(fields, 'wp:comment_author'),
    email: text(fields, 'wp:comment_author_email'),
    url: text(fields, 'wp:comment_author_url'),
    dateGmt: text(fields, 'wp:comment_date_gmt'),
    content: text(fields, 'wp:comment_content'),
    approved: text(fields, 'wp:comment_approved'),
    parent: whole(fields, 'wp:comment_parent') ?? 0,
    type: text(fields, 'wp:comment_type'),
  };
}

export function itemRecord(
  fields: Fields,
  parts: { line: number; terms: WxrItemTerm[]; meta: WxrMeta[]; comments: WxrComment[] },
): WxrItem {
  return {
    kind: 'item',
    line: parts.line,
    title: text(fields, 'title'),
    link: text(fields, 'link'),
    guid: text(fields, 'guid'),
    pubDate: text(fields, 'pubDate'),
    creator: text(fields, 'dc:creator'),
    content: text(fields, 'content:encoded'),
    excerpt: text(fields, 'excerpt:encoded'),
    postId: whole(fields, 'wp:post_id'),
    postDate: text(fields, 'wp:post_date'),
    postDateGmt: text(fields, 'wp:post_date_gmt'),
    postName: text(fields, 'wp:post_name'),
    status: text(fields, 'wp:status'),
    postParent: whole(fields, 'wp:post_parent') ?? 0,
    menuOrder: whole(fields, 'wp:menu_order') ?? 0,
    postType: text(fields, 'wp:post_type'),
    postPassword: text(fields, 'wp:post_password'),
    isSticky: text(fields, 'wp:is_sticky') === '1',
    attachmentUrl: text(fields, 'wp:attachment_url'),
    terms: parts.terms,
    meta: parts.meta,
    comments: parts.comments,
  };
}
