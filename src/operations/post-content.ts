import type { FieldIssue } from '../lib/errors.js';
import { referencedMedia } from '../content/body.js';
import type { PostContent, PostWrite } from '../content/store-editorial.js';
import type { Media, PostStatus, TeaserImage } from '../content/types.js';
import { renderBodyHtml } from '../render/body-html.js';
import { renderPlainText, summarise } from '../render/plain-text.js';
import { protectedView } from '../render/protected-post.js';
import type { RenderSite } from '../render/render-site.js';
import type { ResolvedReferences } from './post-references.js';
import { renderPostFragments, withoutMarks } from './post-fragments.js';

/**
 * What creating, saving, publishing and re-rendering a post share: the rules
 * on its publication time, and turning its content into everything stored
 * with it (body HTML and text, card, page details, fragments, links).
 */

/** A scheduled post needs a time, and one still to come. */
export function checkPublication(post: { status: PostStatus; publishedAt: string | null }, now: Date): FieldIssue[] {
  if (post.status !== 'scheduled') return [];
  if (!post.publishedAt) return [{ path: '/publishedAt', message: 'is required to schedule a post' }];
  if (new Date(post.publishedAt) <= now) return [{ path: '/publishedAt', message: 'must be in the future to schedule a post' }];
  return [];
}

function teaserImage({ id, path, width, height, alt, variantWidths, crops }: Media): TeaserImage {
  return { id, path, width, height, alt, variantWidths, crops };
}

/**
 * Renders a post's content with what its references are now. `updatedAt` is
 * the time of this save; a post not yet given a publication time is dated by
 * it in lists, as WordPress does. A protected post (`isProtected`: one with a
 * password; re-rendering a stored post passes `post.password !== null`)
 * keeps its body and body text for those who give the password and for the
 * newsroom, but its card, page details and fragments are rendered without
 * its story (render/protected-post.ts). Left out, the post is taken to be
 * open, as a new post is; applyPostAccess() renders it again when it is not.
 */
export function renderPost(input: { site: RenderSite; content: PostContent; references: ResolvedReferences; updatedAt: string; isProtected?: boolean }): PostWrite {
  const { site, content, references, updatedAt } = input;
  const isProtected = input.isProtected ?? false;
  const bodyHtml = renderBodyHtml(withoutMarks(content.body), { media: references.media, featuredMediaId: content.featuredMediaId, mediaBase: site.mediaBase });
  const bodyText = renderPlainText(content.body);
  const card = {
    kind: content.kind,
    slug: content.slug,
    title: content.title,
    excerpt: content.excerpt,
    publishedAt: content.publishedAt ?? updatedAt,
    updatedAt,
    category: references.category,
    authors: references.authors,
    image: references.featuredMedia && teaserImage(references.featuredMedia),
  };
  const page = {
    tags: references.tags,
    sources: content.sources,
    seo: content.seo,
    summary: content.excerpt || summarise(bodyText),
    featuredMedia: references.featuredMedia,
    isFeaturedInBody: references.isFeaturedInBody,
  };
  const featured = content.featuredMediaId ? [content.featuredMediaId] : [];
  const shown = isProtected ? protectedView({ card, page }) : { card, page };
  return {
    ...content,
    bodyHtml,
    bodyText,
    // Links only to pictures that exist: a stored post re-rendered after one was deleted keeps the rest.
    mediaIds: [...new Set([...featured, ...referencedMedia(content.body)])].filter((id) => references.media.has(id)),
    card: shown.card,
    page: shown.page,
    fragments: renderPostFragments(site, { ...shown, bodyHtml, isProtected }),
    updatedAt,
  };
}
