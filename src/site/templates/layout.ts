import { attr, html, raw, type SafeHtml } from '../../lib/html.js';
import { siteIcon } from './site-icon.js';
import { renderHead, type PageHead } from '../../render/head-html.js';
import { ORIGIN_MARK } from '../../render/render-site.js';
import type { SiteContext, SiteChrome } from '../site-context.js';
import { SITE_CSS } from '../styles.js';
import { feedUrl } from '../../render/urls.js';

/** A page as it is sent: text to encode, and bytes that are already UTF-8 (site chrome, stored body HTML). */
export type PagePart = string | Buffer;

const STYLE = `<style>${SITE_CSS}</style>`;

function documentStart(site: Omit<SiteContext, 'chrome'>): string {
  return html`<!doctype html>
<html lang="${site.settings.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${siteIcon(site.settings.title)}
`.value;
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
<footer class="site-footer"><div class="inner"><ul><li><a href="/">${site.settings.title}</a></li><li><a href="${feedUrl('/', 'rss')}">RSS feed</a></li><li><a href="/sitemap.xml">Sitemap</a></li></ul><p>© ${year} ${
    site.settings.title
  }</p></div></footer>
</body></html>`.value;
}

/**
 * The parts of every page that depend only on the site, encoded to UTF-8 once
 * when the site context is built, not on every request.
 */
export function buildChrome(site: Omit<SiteContext, 'chrome'>, year: number): SiteChrome {
  return {
    start: Buffer.from(documentStart(site)),
    origin: Buffer.from(site.siteUrl),
    top: Buffer.from(pageTop(site)),
    bottom: Buffer.from(pageBottom(site, year)),
    year,
  };
}

/**
 * A whole page in parts ready to send: its head (rendered now, or stored with
 * the site's origin still to fill in), the site chrome, and `content`.
 */
export function layout(
  site: SiteContext,
  head: PageHead | { storedHtml: Buffer },
  content: SafeHtml | PagePart[],
  options: { searchText?: string } = {},
): PagePart[] {
  const headParts = 'storedHtml' in head ? fillOrigin(head.storedHtml, site.chrome.origin) : [renderHead(site, head)];
  const top = options.searchText === undefined ? site.chrome.top : pageTop(site, options.searchText);
  const middle = Array.isArray(content) ? content : [content.value];
  return [site.chrome.start, ...headParts, top, ...middle, site.chrome.bottom];
}

const MARK_BYTES = Buffer.from(ORIGIN_MARK);

/** Stored head bytes with the site's origin put where the marks are: slices, nothing copied or decoded. */
function fillOrigin(stored: Buffer, origin: Buffer): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = stored.indexOf(MARK_BYTES); at !== -1; at = stored.indexOf(MARK_BYTES, from)) {
    parts.push(stored.subarray(from, at), origin);
    from = at + MARK_BYTES.length;
  }
  parts.push(stored.subarray(from));
  return parts;
}
