import type { MediaPreview } from '../editor/index.js';
import type { MediaItem } from './media-types.js';
import type { PostMedia } from './post-types.js';

/**
 * The pictures an open story shows, by id: the editor asks for them
 * synchronously while it draws, so they are kept from the post's answer and
 * from every picture chosen since.
 */
export class MediaPreviews {
  private readonly known = new Map<number, MediaPreview>();

  remember(media: PostMedia | MediaItem): void {
    const url = 'thumbnailUrl' in media && media.thumbnailUrl ? media.thumbnailUrl : media.url;
    this.known.set(media.id, { url, alt: media.alt, credit: media.credit, agency: media.agency, caption: media.caption });
  }

  resolve = (id: number): MediaPreview | undefined => this.known.get(id);
}
