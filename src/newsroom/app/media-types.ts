/** A picture of the media library, as GET /media lists it. */
export interface MediaItem {
  id: number;
  url: string;
  thumbnailUrl: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  agency: string | null;
  licence: string | null;
  title: string | null;
  width: number;
  height: number;
  mimeType: string;
  /** The account that uploaded it; null for imported and demo pictures. */
  uploadedBy: number | null;
  createdAt: string;
}

export interface MediaPage {
  items: MediaItem[];
  total: number;
}

/** What the server read from an uploaded file's own metadata (IPTC, EXIF). */
export interface Prefilled {
  credit?: string;
  agency?: string;
  caption?: string;
  licence?: string;
  title?: string;
}

/** How a picture is named where its alt text is missing. */
export function mediaName(media: Pick<MediaItem, 'id' | 'alt' | 'title'>): string {
  return media.alt || media.title || `Picture ${media.id}`;
}

/** "photographer / agency", as pages credit a picture. */
export function creditOf(media: Pick<MediaItem, 'credit' | 'agency'>): string {
  return [media.credit, media.agency].filter(Boolean).join(' / ');
}
