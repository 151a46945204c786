import { oldPathKey } from '../../content/old-paths.js';
import type { RedirectTarget } from '../../content/store-redirects.js';
import { isOnSourceSite, type ImportState } from './import-state.js';

/**
 * Old addresses of an imported item, recorded so they answer 301: the
 * permalink the export gives and WordPress's plain forms (`/?p=123`). Links
 * to another host are not the site's own and are left out, as is an address
 * that is already the item's new one.
 */
export async function writeRedirects(state: ImportState, input: { addresses: string[]; target: RedirectTarget; currentPath?: string; line: number; wpId: string }): Promise<void> {
  const keys = new Set<string>();
  for (const address of input.addresses) {
    if (!address || !isOnSourceSite(state, address)) continue;
    const key = oldPathKey(address);
    if (key && key !== input.currentPath && key !== '/') keys.add(key);
  }
  for (const fromPath of keys) {
    const outcome = await state.store.redirects.putImported({ fromPath, target: input.target, at: state.now });
    if (outcome === 'kept') {
      state.report.add({ type: 'redirect', wpId: input.wpId, title: fromPath, line: input.line, outcome: 'skipped', reason: 'the newsroom has its own redirect for this address; left as it is' });
    } else {
      state.report.add({ type: 'redirect', wpId: input.wpId, title: fromPath, line: input.line, outcome: outcome });
    }
  }
}
