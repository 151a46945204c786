import { SITE_CSS } from '../styles.js';

/** AMP allows 75,000 bytes of author CSS per page; tests hold the page to it. */
export const AMP_CSS_LIMIT = 75_000;

/**
 * The site's own stylesheet, so the mobile version looks like the site, plus
 * what only AMP pages need: room for embeds and the footer's version switch.
 */
export const AMP_CSS = `${SITE_CSS}
.site-header .inner{display:flex;align-items:center;justify-content:space-between}
.embed amp-twitter,.embed amp-instagram,.embed amp-youtube{margin:0 auto}
.amp-footer .switch{font:1rem system-ui,sans-serif;margin:0 0 .5rem}
.amp-footer .switch a{display:inline-block;padding:.5rem 0}
`;
