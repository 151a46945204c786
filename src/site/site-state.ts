import type { Store } from '../content/store.js';
import { readSettings, type RefusedSetting } from '../operations/read-settings.js';
import { createSiteContext, type SiteContext } from './site-context.js';
import { urls } from '../render/urls.js';
import { buildChrome } from './templates/layout.js';

const NAVIGATION_SECTIONS = 6;

/**
 * Holds the site context in memory. It is read at start and rebuilt when
 * settings or sections change (the newsroom calls reload()), so no page
 * request reads settings from the database. Every process also reads it again
 * every few seconds (refreshEvery), so a change made by another process — the
 * `masthead settings` command, another worker or machine — shows without a restart.
 */
export class SiteState {
  private context: SiteContext | undefined;
  /** Stored settings already reported as refused, so a bad value is logged once, not on every refresh. */
  private readonly reported = new Set<string>();

  constructor(private readonly input: { store: Store; siteUrl: string; onRefusedSetting?: (refused: RefusedSetting) => void }) {}

  async reload(): Promise<SiteContext> {
    const settings = await readSettings(this.input.store, (refused) => {
      const key = `${refused.key}\u0000${JSON.stringify(refused.issues)}`;
      if (this.reported.has(key)) return;
      this.reported.add(key);
      this.input.onRefusedSetting?.(refused);
    });
    // A menu the newsroom set replaces the automatic one: the sections with the newest stories.
    const isMenuSet = settings.navigation.length > 0;
    const [logo, sections] = await Promise.all([
      settings.logoMediaId ? this.input.store.media.findById(settings.logoMediaId) : Promise.resolve(undefined),
      isMenuSet ? Promise.resolve([]) : this.input.store.categories.listInUse(NAVIGATION_SECTIONS),
    ]);
    const context = createSiteContext({
      settings,
      siteUrl: this.input.siteUrl,
      logo: logo ?? null,
      navigation: isMenuSet
        ? settings.navigation.map((item) => ({ label: item.label, href: item.url }))
        : sections.map((c) => ({ label: c.name, href: urls.category(c.slug) })),
    });
    this.context = { ...context, chrome: buildChrome(context, new Date().getUTCFullYear()) };
    return this.context;
  }

  /** Reloads every `ms` in the background until the returned function is called; a failed reload keeps the last context. */
  refreshEvery(ms: number, onError: (error: unknown) => void): () => void {
    const timer = setInterval(() => this.reload().catch(onError), ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  get current(): SiteContext {
    const context = this.context;
    if (!context) throw new Error('SiteState.reload() must run before the first request');
    // The footer's copyright year turns over without a restart.
    const year = new Date().getUTCFullYear();
    if (context.chrome.year !== year) this.context = { ...context, chrome: buildChrome(context, year) };
    return this.context!;
  }
}
