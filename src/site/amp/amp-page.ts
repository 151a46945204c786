import { html, raw } from '../../lib/html.js';
import type { BodyDocument } from '../../content/body.js';
import type { Media, PageDetails, Teaser } from '../../content/types.js';
import { ampFigure, ampFlavour, type AmpComponent } from '../../render/amp/amp-flavour.js';
import { renderArticle } from '../../render/article-html.js';
import { renderBodyHtml } from '../../render/body-html.js';
import { articleHead, renderHead } from '../../render/head-html.js';
import { urls } from '../../render/urls.js';
import type { SiteContext } from '../site-context.js';
import { AMP_CSS } from './amp-styles.js';

/** A published article with everything its mobile version shows. */
export interface AmpArticle {
  post: Teaser & PageDetails;
  body: BodyDocument;
  /** The media the body shows, by id. */
  media: ReadonlyMap<number, Media>;
}

// Required verbatim by the AMP specification: hides the page until the AMP runtime has laid it out.
const BOILERPLATE =
  '<style amp-boilerplate>body{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-moz-animation:-amp-start 8s steps(1,end) 0s 1 normal both;-ms-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}@-webkit-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-moz-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-ms-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@-o-keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}@keyframes -amp-start{from{visibility:hidden}to{visibility:visible}}</style><noscript><style amp-boilerplate>body{-webkit-animation:none;-moz-animation:none;-ms-animation:none;animation:none}</style></noscript>';

const RUNTIME = 'https://cdn.ampproject.org/v0.js';
const componentScript = (name: AmpComponent) => `<script async custom-element="${name}" src="https://cdn.ampproject.org/v0/${name}-0.1.js"></script>`;

/**
 * The AMP "mobile version" of an article, rendered from the same body
 * document as the full page: amp-img for pictures (with their captions and
 * credits), AMP components for embeds, all CSS inline, no script of ours.
 * Rendered per request, as these pages are few and usually served from an AMP
 * cache; the full page is the one kept pre-rendered.
 */
export function renderAmpPage(site: SiteContext, article: AmpArticle): string {
  const { post } = article;
  const used = new Set<AmpComponent>();
  const bodyHtml = renderBodyHtml(article.body, { media: article.media, featuredMediaId: post.featuredMedia?.id ?? null }, ampFlavour(used));
  const articleHtml = renderArticle(site, { ...post, bodyHtml }, ampFigure);
  const head = renderHead(site, articleHead(site, post, { isAmp: true }));
  const fullPage = `${site.absolute(urls.post(post.slug))}?noamp=mobile`;
  return html`<!doctype html>
<html amp lang="${site.settings.language}"><head><meta charset="utf-8"><script async src="${RUNTIME}"></script>${raw(
    [...used].sort().map(componentScript).join(''),
  )}<meta name="viewport" content="width=device-width, initial-scale=1">${raw(head)}${raw(BOILERPLATE)}<style amp-custom>${raw(AMP_CSS)}</style></head>
<body><header class="site-header"><div class="inner"><a class="brand" href="${site.absolute('/')}">${site.settings.title}</a></div></header>
<main id="main">${raw(articleHtml)}</main>
<footer class="site-footer amp-footer"><div class="inner"><p class="switch"><a href="${fullPage}" rel="noamphtml nofollow">Exit mobile version</a></p><p>© ${site.chrome.year} ${
    site.settings.title
  }</p></div></footer>
</body></html>`.value;
}
