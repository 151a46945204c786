import { html, raw, type SafeHtml } from '../lib/html.js';
import type { Media, PageDetails, Source, Teaser } from '../content/types.js';
import { figure as siteFigure, type FigureOptions } from './figure.js';
import type { RenderSite } from './render-site.js';
import { passwordForm } from './protected-post.js';
import { urls } from './urls.js';

/** A post as the stored-fragment renderers take it: teaser, page details and the body's HTML. */
export type RenderablePost = Teaser & PageDetails & { bodyHtml: string };

function byline(site: RenderSite, post: RenderablePost): SafeHtml {
  const authors = post.authors.map(
    (author, index) =>
      html`${index === 0 ? '' : index === post.authors.length - 1 ? ' and ' : ', '}<a rel="author" href="${urls.author(author.slug)}">${author.name}</a>`,
  );
  const isUpdated = post.updatedAt.slice(0, 10) > post.publishedAt.slice(0, 10);
  return html`<p class="byline">${authors.length > 0 ? html`By ${authors} · ` : ''}<time datetime="${post.publishedAt}">${site.formatDate(post.publishedAt)}</time>${
    isUpdated ? html` · Updated <time datetime="${post.updatedAt}">${site.formatDate(post.updatedAt)}</time>` : ''
  }</p>`;
}

function sources(list: Source[]): SafeHtml {
  if (list.length === 0) return html``;
  return html`<section class="sources" aria-labelledby="sources-heading"><h2 id="sources-heading">Sources</h2><ul>${list.map(
    (source) =>
      html`<li><cite>${source.url ? html`<a href="${source.url}" rel="noopener">${source.name}</a>` : source.name}</cite>${source.note ? html` — ${source.note}` : ''}</li>`,
  )}</ul></section>`;
}

/** The featured image opens the story unless the body already shows it, so no picture appears twice. */
function hero(post: RenderablePost, figure: ArticleFigure, mediaBase: string): SafeHtml {
  const media = post.featuredMedia;
  if (!media || post.isFeaturedInBody) return html``;
  return figure(media, { isEager: true, className: 'figure hero', mediaBase });
}

type ArticleFigure = (media: Media, options: FigureOptions) => SafeHtml;

function header(site: RenderSite, post: RenderablePost, options: { hasStandfirst: boolean }): SafeHtml {
  const isArticle = post.kind === 'article';
  return html`<header>${
    isArticle && post.category ? html`<p class="kicker"><a href="${urls.category(post.category.slug)}">${post.category.name}</a></p>` : ''
  }<h1>${post.title}</h1>${post.excerpt && isArticle && options.hasStandfirst ? html`<p class="standfirst">${post.excerpt}</p>` : ''}${isArticle ? byline(site, post) : ''}</header>`;
}

function tagsFooter(post: RenderablePost): SafeHtml {
  if (post.tags.length === 0) return html``;
  return html`<footer class="tags-block"><h2>Tags</h2><ul class="tags">${post.tags.map(
    (tag) => html`<li><a href="${urls.tag(tag.slug)}" rel="tag">${tag.name}</a></li>`,
  )}</ul></footer>`;
}

/**
 * The <article> element: section, headline, standfirst, byline, the body,
 * sources and tags. Rendered when the post is saved and stored with it; the
 * mobile version passes its own figure (amp-img) and body.
 */
export function renderArticle(site: RenderSite, post: RenderablePost, figure: ArticleFigure = siteFigure): string {
  return html`<article class="article">
${header(site, post, { hasStandfirst: true })}
${hero(post, figure, site.mediaBase)}<div class="article-body">${raw(post.bodyHtml) /* rendered from the body document by render/body-html.ts */}</div>
${sources(post.sources)}${tagsFooter(post)}</article>`.value;
}

/**
 * A password-protected post's <article> for readers who have not given the
 * password: section, headline, byline and the password form where the story
 * would be (with `error` after a wrong password). `post.bodyHtml` is not read.
 */
export function renderLockedArticle(site: RenderSite, post: RenderablePost, options: { error?: string } = {}): string {
  return html`<article class="article">
${header(site, post, { hasStandfirst: false })}
<div class="article-body">${passwordForm({ slug: post.slug, error: options.error })}</div>
${tagsFooter(post)}</article>`.value;
}
