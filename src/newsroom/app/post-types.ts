import type { NewsroomItem } from '../../content/store-editorial.js';
import type { Post, PostStatus } from '../../content/types.js';

/** A post in the newsroom's list, as the API sends it. */
export type PostListItem = NewsroomItem;

export interface PostListPage {
  items: PostListItem[];
  total: number;
  page: number;
  perPage: number;
}

/** A post as the editor loads it: the stored post without its rendered HTML. */
export type EditablePost = Omit<Post, 'bodyHtml'> & {
  /** Why an editor sent it back, while that is the last word on it (the API may send it beside the post instead). */
  reviewNote?: ReviewNote;
};

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
