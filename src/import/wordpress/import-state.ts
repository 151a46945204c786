import { createHash } from 'node:crypto';
import type { ImageIngest } from '../../content/image-ingest.js';
import type { Store } from '../../content/store.js';
import type { ImportedItem, ImportedType } from '../../content/store-import-items.js';
import type { Clock } from '../../lib/clock.js';
import type { RenderSite } from '../../render/render-site.js';
import type { ReportBuilder } from './import-report.js';

/**
 * What one run of the importer carries from item to item: the store (inside
 * the run's transaction), where each WordPress item went, and the report.
 * The maps hold ids only, so memory grows with the number of items, never
 * with the size of their content.
 */
export interface ImportState {
  store: Store;
  clock: Clock;
  /** Writes into stagingDir, never into the media folder itself. */
  images: ImageIngest;
  /** The pictures this run stored: the sweep after a kill checks them against the store. */
  newPictures: Array<{ id: number; path: string }>;
  /** This run's staging folder, laid out like the media folder (other files go under its files/): moved into place after the commit. */
  stagingDir: string;
  site: RenderSite;
  timeZone: string;
  /** The exported site's address: what items are keyed by, and the host old links are recognised on. */
  source: string;
  /** The hosts of the site and blog URLs, without www: a link on one of them is one of the site's own. */
  sourceHosts: Set<string>;
  uploadsDir: string | undefined;
  report: ReportBuilder;
  /** What earlier runs imported from this source, by `type:wpId`. */
  known: Map<string, ImportedItem>;
  users: Map<string, number>;
  categories: Map<string, number>;
  categoryByTermId: Map<number, number>;
  tags: Map<string, number>;
  /** A tag's WordPress term ID to ours (menus name tags by ID). */
  tagByTermId: Map<number, number>;
  /** Co-Authors Plus: an `author` term's slug to a user. */
  coAuthors: Map<string, number>;
  mediaByWpId: Map<number, number>;
  mediaByKey: Map<string, number>;
  /** A post's or page's WordPress ID to ours. */
  posts: Map<number, number>;
  now: string;
}

/** A digest of what the export says of an item: equal digests mean a re-import has nothing to change. */
export function digestOf(record: object): string {
  const { line: _line, ...content } = record as { line?: number };
  return createHash('sha256').update(DIGEST_VERSION).update(JSON.stringify(content)).digest('base64url');
}

/** Bumped when the importer reads items differently, so a re-import after an upgrade rewrites them. */
const DIGEST_VERSION = 'masthead-wxr-1';

export function knownItem(state: ImportState, type: ImportedType, wpId: string | number): ImportedItem | undefined {
  return state.known.get(`${type}:${wpId}`);
}

export async function remember(
  state: ImportState,
  item: { type: ImportedType; wpId: string | number; guid?: string | null; localId: number; digest: string },
): Promise<void> {
  const row: ImportedItem = {
    source: state.source,
    wpType: item.type,
    wpId: String(item.wpId),
    guid: item.guid || null,
    localId: item.localId,
    digest: item.digest,
    importedAt: state.now,
  };
  await state.store.importItems.put(row);
  state.known.set(`${item.type}:${item.wpId}`, row);
}

/** A URL's host as the import compares hosts: without `www.` (parsing has lower-cased it already); undefined for what is not a URL. */
export function siteHost(url: string): string | undefined {
  try {
    return new URL(url).host.replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/** True for a path on the site, or an address on the exported site's own host: one of its own links. */
export function isOnSourceSite(state: Pick<ImportState, 'sourceHosts'>, address: string): boolean {
  if (address.startsWith('/')) return !address.startsWith('//');
  const host = siteHost(address);
  return host !== undefined && state.sourceHosts.has(host);
}
