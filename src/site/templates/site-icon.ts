import { escapeHtml, html, type SafeHtml } from '../../lib/html.js';
import { toWellFormed } from '../../lib/plain-text.js';

/** The tab icon: the first letter of the site's title on its accent colour. */
export function siteIconSvg(title: string): string {
  const letter = escapeHtml(Array.from(title.trim())[0]?.toUpperCase() ?? 'M');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#b3003c"/><text x="16" y="23" font-family="Georgia,serif" font-size="21" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`;
}

/**
 * The icon inline in every page (and valid in AMP pages): without an icon
 * link, every first visit asks for /favicon.ico, one more request, and a 404
 * would be a console error that costs the page Lighthouse's best-practices
 * score. /favicon.ico serves the same picture for clients that ask anyway.
 */
export function siteIcon(title: string): SafeHtml {
  // encodeURIComponent throws on a lone surrogate; a title must never be able to stop every page from rendering.
  return html`<link rel="icon" href="${`data:image/svg+xml,${encodeURIComponent(toWellFormed(siteIconSvg(title)))}`}">`;
}
