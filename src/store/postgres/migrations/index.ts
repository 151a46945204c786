import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as mediaCrops from './0002-media-crops.js';
import * as accounts from './0003-accounts.js';
import * as editorial from './0004-editorial.js';
import * as mediaLibrary from './0005-media-library.js';
import * as taxonomy from './0006-taxonomy.js';
import * as wordpressImport from './0007-wordpress-import.js';
import * as stickyPosts from './0008-sticky-posts.js';
import * as rateLimits from './0009-rate-limits.js';
import * as changeEvents from './0010-change-events.js';
import * as jobs from './0011-jobs.js';
import * as changeLists from './0012-change-lists.js';

export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-media-crops': mediaCrops,
  '0003-accounts': accounts,
  '0004-editorial': editorial,
  '0005-media-library': mediaLibrary,
  '0006-taxonomy': taxonomy,
  '0007-wordpress-import': wordpressImport,
  '0008-sticky-posts': stickyPosts,
  '0009-rate-limits': rateLimits,
  '0010-change-events': changeEvents,
  '0011-jobs': jobs,
  '0012-change-lists': changeLists,
};
