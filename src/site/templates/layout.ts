import { attr, html, raw, type SafeHtml } from '../../lib/html.js';
import { siteIcon } from './site-icon.js';
import { renderHead, type PageHead } from '../../render/head-html.js';
import { ORIGIN_MARK, MEDIA_MARK } from '../../render/render-site.js';
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
    mediaBase: Buffer.from(site.mediaBase),
    absoluteMediaBase: Buffer.from(site.absolute(site.mediaBase)),
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
  const headParts = 'storedHtml' in head ? fillMarks(head.storedHtml, site.chrome) : [renderHead(site, head)];
  const top = options.searchText === undefined ? site.chrome.top : pageTop(site, options.searchText);
  const middle: PagePart[] = [];
  // Stored fragments (article, cards, comments) come as bytes, with media addresses still to fill in.
  for (const part of Array.isArray(content) ? content : [content.value]) {
    if (typeof part === 'string') middle.push(part);
    else middle.push(...fillMarks(part, site.chrome));
  }
  return [site.chrome.start, ...headParts, top, ...middle, site.chrome.bottom];
}

/** The first two UTF-8 bytes of ORIGIN_MARK (EE 80 80) and MEDIA_MARK (EE 80 81); EE is never a continuation byte. */
const MARK_LEAD = Buffer.from(ORIGIN_MARK).subarray(0, 2);
const ORIGIN_LAST = Buffer.from(ORIGIN_MARK)[2];
const MEDIA_LAST = Buffer.from(MEDIA_MARK)[2];

/**
 * Stored bytes with the marks filled in, in one pass: slices, nothing copied
 * or decoded. ORIGIN_MARK becomes the site's origin, MEDIA_MARK the media
 * base, and the two together (an absolute media address) the absolute media
 * base, which with MEDIA_PUBLIC_URL set is not on the site's origin at all.
 */
function fillMarks(stored: Buffer, chrome: Pick<SiteChrome, 'origin' | 'mediaBase' | 'absoluteMediaBase'>): Buffer[] {
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = stored.indexOf(MARK_LEAD); at !== -1; at = stored.indexOf(MARK_LEAD, Math.max(from, at + 2))) {
    const last = stored[at + 2];
    if (last === ORIGIN_LAST) {
      const isMediaNext = stored[at + 3] === MARK_LEAD[0] && stored[at + 4] === MARK_LEAD[1] && stored[at + 5] === MEDIA_LAST;
      parts.push(stored.subarray(from, at), isMediaNext ? chrome.absoluteMediaBase : chrome.origin);
      from = at + (isMediaNext ? 6 : 3);
    } else if (last === MEDIA_LAST) {
      parts.push(stored.subarray(from, at), chrome.mediaBase);
      from = at + 3;
    }
  }
  if (from === 0) return [stored];
  parts.push(stored.subarray(from));
  return parts;
}
