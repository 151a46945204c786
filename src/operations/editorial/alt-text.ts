import type { FieldIssue } from '../../lib/errors.js';
import type { BodyDocument } from '../../content/body.js';
import type { Media } from '../../content/types.js';

const NEEDS_ALT = 'the picture needs alt text before publishing';

/**
 * A picture without alt text says nothing to a reader who cannot see it, so a
 * post is not published (or scheduled) until every picture it shows has some:
 * one issue per picture, at the field that shows it.
 */
export function missingAltText(post: { featuredMediaId: number | null; body: BodyDocument }, media: ReadonlyMap<number, Media>): FieldIssue[] {
  const lacksAlt = (id: number) => {
    const picture = media.get(id);
    return picture !== undefined && picture.alt.trim() === '';
  };
  const issues: FieldIssue[] = [];
  if (post.featuredMediaId !== null && lacksAlt(post.featuredMediaId)) issues.push({ path: '/featuredMediaId', message: NEEDS_ALT });
  post.body.forEach((block, index) => {
    if (block.type === 'image' && lacksAlt(block.media)) issues.push({ path: `/body/${index}/media`, message: NEEDS_ALT });
  });
  return issues;
}
