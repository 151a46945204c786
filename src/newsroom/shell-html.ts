import { html } from '../lib/html.js';

/**
 * Nothing but this document and the bundle may run, load or embed anything:
 * no inline script or style (the app writes none), no other origin, no
 * framing. Pictures are the site's own; blob: is the preview of a picture
 * about to be uploaded.
 */
export const NEWSROOM_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SHELL_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // The shell is the same for everyone, but a stale one could load a bundle that no longer exists.
  'cache-control': 'no-store',
  'content-security-policy': NEWSROOM_CSP,
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
} as const;

/**
 * The one page of the newsroom: the app draws every screen into <main>.
 * Without the bundle (not built yet) it says so rather than hanging on
 * "Loading". `data-session` tells the app whether a session cookie came with
 * the request (its script cannot see the HttpOnly cookie): without one, it
 * goes straight to signing in instead of asking the API and being refused.
 */
export function shellHtml(input: { version: string; isBuilt: boolean; hasSessionCookie: boolean }): string {
  const asset = (name: string) => `/admin/assets/${name}?v=${input.version}`;
  const loading = input.isBuilt
    ? html`<p class="loading">Loading the newsroom…</p>`
    : html`<h1>Newsroom</h1><p>The newsroom has not been built on this server. Run <code>npm run build</code> and restart it.</p>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Newsroom</title>
${input.isBuilt ? html`<link rel="stylesheet" href="${asset('app.css')}">
<script type="module" src="${asset('app.js')}"></script>` : ''}
</head>
<body data-session="${input.hasSessionCookie ? 'maybe' : 'none'}">
<a class="skip-link" href="#main">Skip to main content</a>
<div id="app-header"></div>
<main id="main" tabindex="-1">
<noscript><h1>Newsroom</h1><p>The newsroom needs JavaScript. Turn it on for this site (or use a browser that runs it), then reload this page.</p></noscript>
${loading}
</main>
<div id="app-status" class="app-status" role="status" aria-live="polite"></div>
</body>
</html>
`.toString();
}
