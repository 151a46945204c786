import type { SitemapImage } from '../../content/store-sitemaps.js';
import { creditLine, largestImageUrl } from '../../render/media-urls.js';
import { locOf, xmlText } from './sitemap-xml.js';

/** Google reads at most 1,000 `<image:image>` per `<url>`. */
const IMAGES_PER_URL = 1_000;

/**
 * A story's pictures in the image extension, the largest JPEG of each.
 *
 * Google stopped reading `image:caption` and `image:title` in 2022 (it takes
 * them from the page: the figcaption and the picture's own metadata), but both
 * remain in the 1.1 schema and other crawlers still read them. The schema has
 * no element for a credit, and `image:license` must be the address of a
 * licence, not a name, so the caption goes in `image:caption` as printed
 * under the picture and the "photographer / agency" credit in `image:title`,
 * where it stays apart from the caption instead of altering its text.
 */
export function imagesXml(absolute: (path: string) => string, images: readonly SitemapImage[], mediaBase: string): string {
  let xml = '';
  for (const image of images.slice(0, IMAGES_PER_URL)) {
    const caption = image.caption?.trim();
    const credit = creditLine(image);
    xml +=
      `<image:image><image:loc>${xmlText(locOf(absolute, largestImageUrl(image, mediaBase)))}</image:loc>` +
      (caption ? `<image:caption>${xmlText(caption)}</image:caption>` : '') +
      (credit ? `<image:title>${xmlText(credit)}</image:title>` : '') +
      '</image:image>';
  }
  return xml;
}
