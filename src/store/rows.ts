import type { Category, CropRatio, Media, Post, PostKind, PostStatus, Tag, TagKind, User } from '../content/types.js';
import type { BodyDocument } from '../content/body.js';
import type { Selectable } from 'kysely';
import type { CategoriesTable, MediaTable, PostsTable, TagsTable, UsersTable } from './schema.js';

/** JSON columns come back as text from both engines (see the PostgreSQL type parsers); null stays null. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toMedia(row: Selectable<MediaTable>): Media {
  return {
    id: row.id,
    path: row.path,
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    agency: row.agency,
    licence: row.licence,
    variantWidths: fromJson<number[]>(row.variant_widths),
    crops: fromJson<CropRatio[]>(row.crops),
    createdAt: row.created_at,
    title: row.title,
    originalName: row.original_name,
    byteSize: row.byte_size,
    uploadedBy: row.uploaded_by,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    email: row.email,
    bio: row.bio,
    avatarMediaId: row.avatar_media_id,
    role: row.role,
    createdAt: row.created_at,
  };
}

export function toCategory(row: Selectable<CategoriesTable>): Category {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, parentId: row.parent_id };
}

export function toTag(row: Selectable<TagsTable>): Tag {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    kind: row.kind as TagKind,
    description: row.description,
    imageMediaId: row.image_media_id,
  };
}

export function toPost(row: Selectable<PostsTable>, links: { authorIds: number[]; tagIds: number[] }): Post {
  return {
    id: row.id,
    kind: row.kind as PostKind,
    status: row.status as PostStatus,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    body: fromJson<BodyDocument>(row.body),
    bodyHtml: row.body_html,
    featuredMediaId: row.featured_media_id,
    categoryId: row.category_id,
    authorIds: links.authorIds,
    tagIds: links.tagIds,
    sources: fromJson(row.sources),
    seo: {
      title: row.seo_title,
      description: row.seo_description,
      canonicalUrl: row.canonical_url,
      isNoindex: Boolean(row.is_noindex),
    },
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    createdAt: row.created_at,
    revision: row.revision,
    password: row.password,
    isSticky: Boolean(row.is_sticky),
  };
}
