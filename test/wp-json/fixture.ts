import { paragraphs } from '../../src/content/body.js';
import { createPost } from '../../src/operations/create-post.js';
import type { Engine, TestStore } from '../helpers/engines.js';
import { createTestStore } from '../helpers/engines.js';
import { createArticles, createBasics, seedReference, testClock, TEST_NOW, type Basics } from '../helpers/factories.js';
import { startServer, type RunningServer } from '../helpers/server.js';

export const REFERENCE_SLUG = 'john-legend-reveals-how-politics-ruined-his-friendship-with-kanye-west';
/** Public articles in the fixture: the reference article and twelve stories. */
export const PUBLIC_ARTICLES = 13;

export interface WpSite {
  t: TestStore;
  server: RunningServer;
  basics: Basics;
  draftId: number;
  scheduledId: number;
  pageId: number;
  queries: string[];
}

/** The reference article, twelve stories, a page, and a story pending review and a scheduled one that no reader may see. */
export async function startWpSite(engine: Engine): Promise<WpSite> {
  const queries: string[] = [];
  const t = await createTestStore(engine, { onQuery: (sql) => queries.push(sql) });
  await seedReference(t.store, t.dataDir);
  const basics = await createBasics(t.store);
  await createArticles(t.store, basics, { count: 12 });
  const context = { store: t.store, clock: testClock() };
  const base = { body: paragraphs(['secret']), authorIds: [basics.authorId], categoryId: basics.categoryId, tagIds: [basics.tagId] };
  // Dated in the past, so only its status keeps it from readers.
  const draft = await createPost(context, { ...base, status: 'pending', title: 'Unpublished scoop', publishedAt: '2026-11-01T00:00:00.000Z' });
  const scheduled = await createPost(context, { ...base, status: 'scheduled', title: 'Tomorrow scoop', publishedAt: new Date(Date.parse(TEST_NOW) + 86_400_000).toISOString() });
  const page = await createPost(context, { kind: 'page', status: 'published', title: 'About us', body: paragraphs(['We are a magazine.']), authorIds: [basics.authorId], publishedAt: '2026-01-01T00:00:00.000Z' });
  const server = await startServer({ store: t.store, dataDir: t.dataDir });
  return { t, server, basics, draftId: draft.id, scheduledId: scheduled.id, pageId: page.id, queries };
}

export async function stopWpSite(site: WpSite | undefined): Promise<void> {
  await site?.server.close();
  await site?.t.cleanup();
}
