import { DomUtils, parseDocument } from 'htmlparser2';
import type { PageDetails } from '../../content/types.js';
import { figure } from '../../render/figure.js';
import { MEDIA_MARK } from '../../render/render-site.js';
import { MEDIA_PREFIX } from '../../render/media-urls.js';

/** Attributes whose whole value is one URL. */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'action', 'formaction', 'data', 'longdesc', 'background'];
/** Attributes holding a list of "URL descriptor" candidates. */
const SRCSET_ATTRIBUTES = ['srcset', 'imagesrcset'];

/**
 * A story's text as a feed carries it: the featured picture, with its caption
 * and credit, first when the body does not show it; then the body. A feed is
 * read away from the site, so every address in it is made absolute against
 * the story's own URL (which also resolves `#anchor` links to the story).
 */
export function feedContentHtml(input: { bodyHtml: string; details: PageDetails; articleUrl: string; mediaBase: string }): string {
  const { featuredMedia, isFeaturedInBody } = input.details;
  const lead = featuredMedia && !isFeaturedInBody ? figure(featuredMedia, { mediaBase: input.mediaBase }).value : '';
  return withAbsoluteUrls(lead + input.bodyHtml, input.articleUrl, input.mediaBase);
}

/**
 * Every address in `html` made absolute against `baseUrl`. A stored body's
 * media addresses (MEDIA_MARK, see render/render-site.ts) are filled in with
 * `mediaBase` first: MEDIA_PUBLIC_URL's address, or the site's /media/.
 */
export function withAbsoluteUrls(html: string, baseUrl: string, mediaBase: string = MEDIA_PREFIX): string {
  const document = parseDocument(html.includes(MEDIA_MARK) ? html.replaceAll(MEDIA_MARK, mediaBase) : html);
  for (const element of DomUtils.findAll(() => true, document.children)) {
    for (const name of URL_ATTRIBUTES) {
      const value = element.attribs[name];
      if (value !== undefined) element.attribs[name] = absolute(value, baseUrl);
    }
    for (const name of SRCSET_ATTRIBUTES) {
      const value = element.attribs[name];
      if (value !== undefined) element.attribs[name] = absoluteSrcset(value, baseUrl);
    }
  }
  return DomUtils.getOuterHTML(document.children, { encodeEntities: 'utf8' });
}

function absolute(url: string, baseUrl: string): string {
  const trimmed = url.trim();
  if (trimmed === '') return url;
  try {
    return new URL(trimmed, baseUrl).href;
  } catch {
    return url;
  }
}

/** `a.jpg 480w, b.jpg 1200w`: each candidate's URL made absolute, its descriptor kept. */
function absoluteSrcset(value: string, baseUrl: string): string {
  return value
    .split(',')
    .map((candidate) => candidate.trim())
    .filter((candidate) => candidate !== '')
    .map((candidate) => {
      const [url = '', ...descriptors] = candidate.split(/\s+/);
      return [absolute(url, baseUrl), ...descriptors].join(' ');
    })
    .join(', ');
}
