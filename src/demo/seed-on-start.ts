import type { Config } from '../config.js';
import type { Store } from '../content/store.js';
import type { Clock } from '../lib/clock.js';
import type { MediaStorage } from '../media-storage/media-storage.js';
import { onFirstUse } from '../on-first-use.js';

/**
 * On a store with no posts, the demo site gets the reference article, all in
 * one transaction. Call it under the store's start lock (Store.withStartLock):
 * it decides "empty" by counting, which two processes starting together would
 * both see, and both would seed.
 */
export async function seedIfEmpty(input: {
  config: Readonly<Config>;
  store: Store;
  clock: Clock;
  /** Where the demo pictures go; the one MEDIA_STORAGE names, opened for the seed, when not given. */
  mediaStorage?: MediaStorage;
}): Promise<boolean> {
  if (!input.config.isDemoEnabled || (await input.store.posts.count()) > 0) return false;
  // The image library is loaded only to draw the demo pictures: a server on an
  // existing store starts faster and smaller without it.
  const [{ createSharpIngest }, { seedReferenceArticle }, { openMediaStorage }] = await Promise.all([
    onFirstUse.sharpIngest(),
    onFirstUse.referenceArticle(),
    onFirstUse.openMediaStorage(),
  ]);
  const storage = input.mediaStorage ?? openMediaStorage(input.config);
  try {
    const images = createSharpIngest({ storage });
    await input.store.transaction((store) => seedReferenceArticle({ store, clock: input.clock, images }));
  } finally {
    if (!input.mediaStorage) await storage.close();
  }
  return true;
}
