/** What the editor shows for a picture of the media library. */
export interface MediaPreview {
  /** A small rendition to show in the editor. */
  url: string;
  alt: string;
  /** The photographer. */
  credit: string | null;
  agency: string | null;
  /** The library's caption, shown unless the story gives its own. */
  caption: string | null;
}

/** Undefined when the library has no such picture (deleted, or a mistyped number). */
export type ResolveMedia = (mediaId: number) => MediaPreview | undefined;

/** "photographer / agency", as the page credits a picture. */
export function creditLine(preview: Pick<MediaPreview, 'credit' | 'agency'>): string {
  return [preview.credit, preview.agency].filter((part): part is string => Boolean(part && part.trim())).join(' / ');
}
