import type { NewPost } from '../../content/store.js';

/** A post's own columns as written on insert and on every save; the one place the mapping lives. */
export function postRow(post: Omit<NewPost, 'createdAt'>) {
  return {
    kind: post.kind,
    status: post.status,
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    body: JSON.stringify(post.body),
    body_html: post.bodyHtml,
    body_text: post.bodyText,
    featured_media_id: post.featuredMediaId,
    category_id: post.categoryId,
    sources: JSON.stringify(post.sources),
    card: JSON.stringify(post.card),
    page: JSON.stringify(post.page),
    card_html: post.fragments.cardHtml,
    head_html: post.fragments.headHtml,
    article_html: post.fragments.articleHtml,
    seo_title: post.seo.title,
    seo_description: post.seo.description,
    canonical_url: post.seo.canonicalUrl,
    is_noindex: post.seo.isNoindex ? 1 : 0,
    published_at: post.publishedAt,
    updated_at: post.updatedAt,
  };
}
