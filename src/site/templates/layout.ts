import { attr, html, jsonForScript, raw, type SafeHtml } from '../../lib/html.js';
import type { SiteContext } from '../site-context.js';
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

const STYLE = raw(`<style>${SITE_CSS}</style>`);

export function layout(site: SiteContext, head: PageHead, content: SafeHtml, options: { searchText?: string } = {}): string {
  const fullTitle = head.title === site.settings.title ? head.title : `${head.title} – ${site.settings.title}`;
  return html`<!doctype html>
<html lang="${site.settings.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>${head.description ? html`<meta name="description" content="${head.description}">` : ''}${
    head.canonical ? html`<link rel="canonical" href="${site.absolute(head.canonical)}">` : ''
  }<meta name="robots" content="${head.isNoindex ? 'noindex, follow' : 'max-image-preview:large'}"><link rel="alternate" type="application/rss+xml" title="${
    site.settings.title
  }" href="${site.absolute(urls.feed())}">${head.extra ?? ''}${(head.jsonLd ?? []).map(
    (data) => html`<script type="application/ld+json">${jsonForScript(data)}</script>`,
  )}${STYLE}</head>
<body><a class="skip" href="#main">Skip to content</a>
<header class="site-header"><div class="inner"><div class="top"><div><a class="brand" href="/">${site.settings.title}</a><p class="tagline">${
    site.settings.tagline
  }</p></div><form class="search" role="search" action="/" method="get"><label for="s" class="vh">Search stories</label><input id="s" name="s" type="search" placeholder="Search stories"${attr(
    'value',
    options.searchText,
  )}><button type="submit">Search</button></form></div>${
    site.navigation.length > 0
      ? html`<nav class="site-nav" aria-label="Sections"><ul>${site.navigation.map((item) => html`<li><a href="${item.href}">${item.label}</a></li>`)}</ul></nav>`
      : ''
  }</div></header>
<main id="main">${content}</main>
<footer class="site-footer"><div class="inner"><ul><li><a href="/">${site.settings.title}</a></li><li><a href="${urls.feed()}">RSS feed</a></li><li><a href="/sitemap.xml">Sitemap</a></li></ul><p>© ${new Date().getUTCFullYear()} ${
    site.settings.title
  }</p></div></footer>
</body></html>`.value;
}
