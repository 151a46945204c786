import type { Store } from '../content/store.js';
import type { WpPostRow } from '../content/store-wp-json.js';
import type { WpContext } from './context.js';
import { toWpComment } from './comment-object.js';
import { toWpMedia } from './media-object.js';
import { toWpCategory, toWpTag, toWpUser } from './term-objects.js';
import type { WpType } from './post-object.js';

/** As many replies as WordPress embeds: the first page of the post's comments. */
const EMBEDDED_REPLIES = 10;

/**
 * `_embedded` for a page of posts: authors, featured pictures, terms and
 * replies (the newest approved comments, as `comments?post=` lists them).
 * Pictures and terms come from what each post stores with itself, so the
 * whole page costs two queries: its authors' profiles and its comments.
 */
export async function embedFor(input: { rows: WpPostRow[]; type: WpType; store: Store; context: WpContext }): Promise<Array<Record<string, unknown>>> {
  const { rows, context } = input;
  const authorIds = [...new Set(rows.map((row) => row.teaser.authors[0]?.id).filter((id): id is number => id !== undefined))];
  const [users, replies] = await Promise.all([
    input.store.users.findByIds(authorIds),
    input.store.wpJson.latestComments({ postIds: rows.map((row) => row.teaser.id), perPost: EMBEDDED_REPLIES }),
  ]);
  const authors = new Map(users.map((user) => [user.id, toWpUser(user, context)]));
  return rows.map((row) => {
    const author = authors.get(row.teaser.authors[0]?.id ?? 0);
    const media = row.details.featuredMedia;
    return {
      ...(author ? { author: [author] } : {}),
      ...(media && row.featuredMediaId === media.id ? { 'wp:featuredmedia': [toWpMedia(media, context)] } : {}),
      replies: [(replies.get(row.teaser.id) ?? []).map((reply) => toWpComment(reply, { context, isEmbedded: true }))],
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
