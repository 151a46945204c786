import { html, raw } from '../../lib/html.js';
import type { BodyDocument } from '../../content/body.js';
import type { Media, PageDetails, Teaser } from '../../content/types.js';
import { ampFigure, ampFlavour, type AmpComponent } from '../../render/amp/amp-flavour.js';
import { renderArticle } from '../../render/article-html.js';
import { renderBodyHtml } from '../../render/body-html.js';
import { articleHead, renderHead } from '../../render/head-html.js';
import { urls } from '../../render/urls.js';
import type { SiteContext } from '../site-context.js';
import { siteIcon } from '../templates/site-icon.js';
import { AMP_CSS } from './amp-styles.js';

/** A published article with everything its mobile version shows. */
export interface AmpArticle {
  post: Teaser & PageDetails;
  body: BodyDocument;
  /** The media the body shows, by id. */
  media: ReadonlyMap<number, Media>;
  /** The approved comments as stored with the post; '' for none. */
  commentsHtml: string;
}

/**
 * The page is served already laid out, as AMP Optimizer and the AMP caches
 * serve pages ("transformed" AMP): no boilerplate hiding the body until the
 * runtime has started, and the few layout rules the laid-out elements need
 * inline, so the story shows at once even where the runtime is slow or
 * blocked. The version is not one the runtime has, so when it starts it puts
 * its own stylesheet in their place.
 */
const TRANSFORMED = 'transformed="self;v=1" i-amphtml-layout="" i-amphtml-no-boilerplate=""';
const RUNTIME_CSS_VERSION = '000000000000000';
const LAYOUT_CSS =
  '[i-amphtml-layout]{display:block;position:relative}.i-amphtml-layout-size-defined{overflow:hidden}i-amphtml-sizer{display:block}' +
  '.i-amphtml-fill-content{display:block;position:absolute;top:0;left:0;width:100%;height:100%;margin:auto}.i-amphtml-replaced-content{padding:0;border:none;object-fit:cover}';

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
  const bodyHtml = renderBodyHtml(article.body, { media: article.media, featuredMediaId: post.featuredMedia?.id ?? null, mediaBase: site.mediaBase }, ampFlavour(used));
  const articleHtml = renderArticle(site, { ...post, bodyHtml }, ampFigure);
  const head = renderHead(site, articleHead(site, post, { isAmp: true }));
  const fullPage = `${site.absolute(urls.post(post.slug))}?noamp=mobile`;
  return html`<!doctype html>
<html amp lang="${site.settings.language}" ${raw(TRANSFORMED)}><head><meta charset="utf-8"><style amp-runtime i-amphtml-version="${RUNTIME_CSS_VERSION}">${raw(
    LAYOUT_CSS,
  )}</style><script async src="${RUNTIME}"></script>${raw(
    [...used].sort().map(componentScript).join(''),
  )}<meta name="viewport" content="width=device-width, initial-scale=1">${siteIcon(site.settings.title)}${raw(head)}<style amp-custom>${raw(AMP_CSS)}</style></head>
<body><header class="site-header"><div class="inner"><a class="brand" href="${site.absolute('/')}">${site.settings.title}</a></div></header>
<main id="main">${raw(articleHtml)}${raw(article.commentsHtml) /* rendered by render/comments-html.ts: only tags AMP allows */}</main>
<footer class="site-footer amp-footer"><div class="inner"><p class="switch"><a href="${fullPage}" rel="noamphtml nofollow">Exit mobile version</a></p><p>© ${site.chrome.year} ${
    site.settings.title
  }</p></div></footer>
</body></html>`.value;
}
