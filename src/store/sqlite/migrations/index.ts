import type { Migration } from 'kysely';
import * as initial from './0001-initial.js';
import * as mediaCrops from './0002-media-crops.js';

export const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-media-crops': mediaCrops,
};
