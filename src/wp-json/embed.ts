import type { Store } from '../content/store.js';
import type { WpPostRow } from '../content/store-wp-json.js';
import type { WpContext } from './context.js';
import { toWpMedia } from './media-object.js';
import { toWpCategory, toWpTag, toWpUser } from './term-objects.js';
import type { WpType } from './post-object.js';

/**
 * `_embedded` for a page of posts: authors, featured pictures and terms.
 * Pictures and terms come from what each post stores with itself, so the
 * whole page costs one query, for its authors' profiles.
 */
export async function embedFor(input: { rows: WpPostRow[]; type: WpType; store: Store; context: WpContext }): Promise<Array<Record<string, unknown>>> {
  const { rows, context } = input;
  const authorIds = [...new Set(rows.map((row) => row.teaser.authors[0]?.id).filter((id): id is number => id !== undefined))];
  const authors = new Map((await input.store.users.findByIds(authorIds)).map((user) => [user.id, toWpUser(user, context)]));
  return rows.map((row) => {
    const author = authors.get(row.teaser.authors[0]?.id ?? 0);
    const media = row.details.featuredMedia;
    return {
      ...(author ? { author: [author] } : {}),
      ...(media && row.featuredMediaId === media.id ? { 'wp:featuredmedia': [toWpMedia(media, context)] } : {}),
      ...(input.type === 'post'
        ? {
            'wp:term': [
              row.teaser.category ? [toWpCategory(row.teaser.category, context)] : [],
              row.details.tags.map((tag) => toWpTag(tag, context)),
            ],
          }
        : {}),
    };
  });
}
