import { attr, html, jsonForScript, raw, type SafeHtml } from '../../lib/html.js';
import type { SiteContext, SiteChrome } from '../site-context.js';
import { SITE_CSS } from '../styles.js';
import { urls } from '../urls.js';

export interface PageHead {
  /** The page's own title; the site name is appended. */
  title: string;
  description?: string;
  /** Site-relative or absolute canonical URL. */
  canonical?: string;
  isNoindex?: boolean;
  /** Extra <meta>/<link> tags: OpenGraph, alternates. */
  extra?: SafeHtml;
  jsonLd?: unknown[];
}

/** A page as it is sent: text to encode, and bytes that are already UTF-8 (site chrome, stored body HTML). */
export type PagePart = string | Buffer;

const STYLE = `<style>${SITE_CSS}</style>`;

function documentHead(site: SiteContext, head: PageHead): string {
  const fullTitle = head.title === site.settings.title ? head.title : `${head.title} – ${site.settings.title}`;
  return html`<!doctype html>
<html lang="${site.settings.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>${head.description ? html`<meta name="description" content="${head.description}">` : ''}${
    head.canonical ? html`<link rel="canonical" href="${site.absolute(head.canonical)}">` : ''
  }<meta name="robots" content="${head.isNoindex ? 'noindex, follow' : 'max-image-preview:large'}"><link rel="alternate" type="application/rss+xml" title="${
    site.settings.title
  }" href="${site.absolute(urls.feed())}">${head.extra ?? ''}${(head.jsonLd ?? []).map(
    (data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>`,
  )}`.value;
}

/** Stylesheet, masthead, navigation and search: the same on every page (but for a search's own words). */
function pageTop(site: Omit<SiteContext, 'chrome'>, searchText?: string): string {
  return html`${raw(STYLE)}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="inner"><div class="top"><div><a class="brand" href="/">${site.settings.title}</a><p class="tagline">${
    site.settings.tagline
  }</p></div><form class="search" role="search" action="/" method="get"><label for="s" class="vh">Search stories</label><input id="s" name="s" type="search" placeholder="Search stories"${attr(
    'value',
    searchText,
  )}><button type="submit">Search</button></form></div>${
    site.navigation.length > 0
      ? html`<nav class="site-nav" aria-label="Sections"><ul>${site.navigation.map((item) => html`<li><a href="${item.href}">${item.label}</a></li>`)}</ul></nav>`
      : ''
  }</div></header>
<main id="main">`.value;
}

function pageBottom(site: Omit<SiteContext, 'chrome'>, year: number): string {
  return html`</main>
<footer class="site-footer"><div class="inner"><ul><li><a href="/">${site.settings.title}</a></li><li><a href="${urls.feed()}">RSS feed</a></li><li><a href="/sitemap.xml">Sitemap</a></li></ul><p>© ${year} ${
    site.settings.title
  }</p></div></footer>
</body></html>`.value;
}

/**
 * The parts of every page that depend only on the site, encoded to UTF-8 once
 * when the site context is built, not on every request.
 */
export function buildChrome(site: Omit<SiteContext, 'chrome'>, year: number): SiteChrome {
  return { top: Buffer.from(pageTop(site)), bottom: Buffer.from(pageBottom(site, year)), year };
}

/** A whole page: its head, the site chrome around `content`, in parts ready to send. */
export function layout(site: SiteContext, head: PageHead, content: SafeHtml | PagePart[], options: { searchText?: string } = {}): PagePart[] {
  const top = options.searchText === undefined ? site.chrome.top : pageTop(site, options.searchText);
  const middle = Array.isArray(content) ? content : [content.value];
  return [documentHead(site, head), top, ...middle, site.chrome.bottom];
}

/** The page as one string, for tests and for callers that want text. */
export function pageText(parts: PagePart[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : part.toString('utf8'))).join('');
}
