import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Store } from '../content/store.js';
import type { Clock } from '../lib/clock.js';
import { createSharpIngest } from '../media/sharp-ingest.js';
import { seedReferenceArticle } from './reference-article.js';

/** On a store with no posts, the demo site gets the reference article, all in one transaction. */
export async function seedIfEmpty(input: { config: Readonly<Config>; store: Store; clock: Clock }): Promise<boolean> {
  if (!input.config.isDemoEnabled || (await input.store.posts.count()) > 0) return false;
  const images = createSharpIngest({ mediaDir: join(input.config.dataDir, 'media') });
  await input.store.transaction((store) => seedReferenceArticle({ store, clock: input.clock, images }));
  return true;
}
