import type { BodyDocument } from '../../content/body.js';
import type { PostKind, PostStatus, Seo, Source } from '../../content/types.js';

export interface PostListItem {
  id: number;
  kind?: PostKind;
  title: string;
  slug: string;
  status: PostStatus;
  authors: Array<{ id: number; name: string }>;
  category: { id: number; name: string } | null;
  updatedAt: string;
  publishedAt: string | null;
  revision: number;
}

export interface PostListPage {
  items: PostListItem[];
  total: number;
  page: number;
  perPage: number;
}

export interface EditablePost {
  id: number;
  kind: PostKind;
  status: PostStatus;
  slug: string;
  title: string;
  excerpt: string;
  body: BodyDocument;
  featuredMediaId: number | null;
  categoryId: number | null;
  authorIds: number[];
  tagIds: number[];
  sources: Source[];
  seo: Seo;
  publishedAt: string | null;
  revision: number;
  /** Why an editor sent it back, while that is the last word on it (the API may send it beside the post instead). */
  reviewNote?: ReviewNote;
  updatedAt: string;
}

export type ReviewNote = string | { note: string; by: { id: number; name: string } | null; at: string } | null;

export interface PostMedia {
  id: number;
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  agency: string | null;
}

/** The editor's unsaved changes the server kept. */
export interface AutosaveRecord {
  savedAt: string;
  fields?: Partial<PostFields>;
  changes?: Partial<PostFields>;
  isStale?: boolean;
}

export interface PostDocument {
  post: EditablePost;
  media: PostMedia[];
  autosave: AutosaveRecord | null;
}

/** Everything a save sends: the post's fields but its status, id and revision. */
export type PostFields = Pick<EditablePost, 'title' | 'slug' | 'excerpt' | 'body' | 'featuredMediaId' | 'categoryId' | 'authorIds' | 'tagIds' | 'sources' | 'seo'>;

export const STATUS_LABELS: Record<PostStatus, string> = {
  draft: 'Draft',
  pending: 'Pending review',
  scheduled: 'Scheduled',
  published: 'Published',
  trashed: 'Trashed',
};
