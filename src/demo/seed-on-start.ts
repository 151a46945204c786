import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../content/store.js';
import type { Clock } from '../lib/clock.js';

/**
 * On a store with no posts, the demo site gets the reference article, all in
 * one transaction. Call it under the store's start lock (Store.withStartLock):
 * it decides "empty" by counting, which two processes starting together would
 * both see, and both would seed.
 */
export async function seedIfEmpty(input: { config: Readonly<Config>; store: Store; clock: Clock }): Promise<boolean> {
  if (!input.config.isDemoEnabled || (await input.store.posts.count()) > 0) return false;
  // The image library is loaded only to draw the demo pictures: a server on an
  // existing store starts faster and smaller without it.
  const [{ createSharpIngest }, { seedReferenceArticle }] = await Promise.all([import('../media/sharp-ingest.js'), import('./reference-article.js')]);
  const images = createSharpIngest({ mediaDir: join(input.config.dataDir, 'media') });
  await input.store.transaction((store) => seedReferenceArticle({ store, clock: input.clock, images }));
  return true;
}
