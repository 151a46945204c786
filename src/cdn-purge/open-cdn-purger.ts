import type { CdnConfig } from '../config.js';
import type { CdnPurger } from './cdn-purger.js';
import { createCloudflarePurger } from './cloudflare-purger.js';
import { createFastlyPurger } from './fastly-purger.js';
import { createVarnishPurger } from './varnish-purger.js';

/**
 * The purger CDN_PURGE names, built once by the composition root and handed
 * down (to purgeSoon and the `cdn-purge` job's handler); undefined when no
 * CDN or shared cache is in front, so nothing is purged.
 */
export function openCdnPurger(cdn: CdnConfig): CdnPurger | undefined {
  switch (cdn.driver) {
    case 'none':
      return undefined;
    case 'varnish':
      return createVarnishPurger({ urls: cdn.urls });
    case 'fastly':
      return createFastlyPurger({ serviceId: cdn.serviceId, token: cdn.token, apiUrl: cdn.apiUrl });
    case 'cloudflare':
      return createCloudflarePurger({ zoneId: cdn.zoneId, token: cdn.token, apiUrl: cdn.apiUrl });
  }
}
