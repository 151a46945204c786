import type { Media, PostKind, PostStatus } from './types.js';

/** Which pictures a library page lists; every filter given must hold. */
export interface MediaLibraryQuery {
  /** Words that must each appear in the alt text, caption, credit, agency, title or file name, in any case, with or without accents. */
  text?: string;
  mimeType?: string;
  uploadedBy?: number;
  /** true: only pictures without alt text; false: only pictures with it. */
  isMissingAlt?: boolean;
  limit: number;
  offset: number;
}

/** The fields of a picture the newsroom edits; absent fields are left as they are. */
export interface MediaDetailsChange {
  alt?: string;
  caption?: string | null;
  credit?: string | null;
  agency?: string | null;
  licence?: string | null;
  title?: string | null;
  updatedAt: string;
}

/** A post that shows a picture, as the library lists it. */
export interface MediaUse {
  id: number;
  title: string;
  slug: string;
  status: PostStatus;
}

export interface MediaLibraryStore {
  /** Newest first, with how many match in all. */
  search(query: MediaLibraryQuery): Promise<{ items: Media[]; total: number }>;
  /** The picture as changed, or undefined when there is none with that id. */
  updateDetails(id: number, change: MediaDetailsChange): Promise<Media | undefined>;
  /**
   * Posts that show the picture, in the body or as the featured picture, newest
   * change first. With `ownerId`, only published posts and that person's own
   * (of `ownKinds`, when given), for staff who may not open others' unpublished posts.
   */
  usage(id: number, reach?: { ownerId?: number; ownKinds?: PostKind[] }): Promise<MediaUse[]>;
  /** Pictures stored without their variants and crops yet (imported ones), oldest first. */
  listWithoutSizes(limit: number): Promise<Media[]>;
  countWithoutSizes(): Promise<number>;
  /** Records a picture's variants and crops; false if another process recorded them first. */
  setSizes(id: number, sizes: Pick<Media, 'variantWidths' | 'crops'>): Promise<boolean>;
}
