import type { ChangeBus } from '../change-bus/change-bus.js';
import { tagsForChange } from './cache-tags.js';
import type { ServeCached } from './serve-cached.js';

/**
 * Keeps the cache current: every change heard on the bus (this process's own
 * the moment it commits, the others' as the bus brings them) drops the
 * entries showing what it changed; a resync (signals may have been missed)
 * drops everything. Returns a function that stops listening.
 */
export function followChanges(bus: Pick<ChangeBus, 'subscribe'>, cache: Pick<ServeCached, 'invalidate'>): () => void {
  return bus.subscribe((signal) => cache.invalidate(tagsForChange(signal)));
}
